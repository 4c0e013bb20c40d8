import { fuzzSuite } from './suite.ts';

fuzzSuite('geotiff');
