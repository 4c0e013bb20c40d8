import { fuzzSuite } from './suite.ts';

fuzzSuite('shapefile');
