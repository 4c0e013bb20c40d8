import { fuzzSuite } from './suite.ts';

fuzzSuite('parquet');
