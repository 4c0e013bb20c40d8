import { fuzzSuite } from './suite.ts';

fuzzSuite('csv');
