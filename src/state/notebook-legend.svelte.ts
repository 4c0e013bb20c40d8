/**
 * The choropleth on the map and its legend: set when an indicator is drawn, cleared when it is hidden or the
 * notebook tab is left (the notebook's map layers belong to the notebook tab).
 */
import type { IndicatorMetric } from '../core/notebook/model.ts';
import type { Legend } from '../map/assessment-layers.ts';

class ChoroplethShown {
  current = $state.raw<{ metric: IndicatorMetric; legend: Legend } | null>(null);
}

export const choroplethShown = new ChoroplethShown();
