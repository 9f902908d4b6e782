import type { Aggregator } from './aggregator.js';
import { extremumAggregator, type ExtremumAcc } from './extremum.js';

/** `max(x)`: the largest string, else the largest number (see `extremumAggregator`); null when none. */
export const maxAggregator: Aggregator<ExtremumAcc> = extremumAggregator(true);
