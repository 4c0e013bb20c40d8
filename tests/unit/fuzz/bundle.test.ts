import { fuzzSuite } from './suite.ts';

fuzzSuite('bundle');
