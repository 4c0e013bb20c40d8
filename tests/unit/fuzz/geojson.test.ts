import { fuzzSuite } from './suite.ts';

fuzzSuite('geojson');
