import type { Diagnosis } from '../core/model/diagnosis.js';
import type { DiagnosisRequest } from './diagnosis-requests.js';

/**
 * Port: the time series of the key metric for the top hypothesis around the failure (conntrack usage for
 * conntrack exhaustion, restarts for a crash, ...), fed by the Prometheus side. The answer shows it as a
 * chart in the thread; without it the answer simply has no picture.
 */

export interface MetricPoint {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly v: number;
}

export interface MetricSeries {
  /** Legend text: the instance, pod or label set the series belongs to. */
  readonly label: string;
  readonly points: readonly MetricPoint[];
}

export interface KeyMetricSeries {
  /** Chart title, e.g. "conntrack table usage on node-a". */
  readonly title: string;
  /** The catalogue fact or PromQL expression the series came from. */
  readonly metric: string;
  /** Catalogue unit: ratio, percent, seconds, bytes, per_second, count. */
  readonly unit?: string;
  readonly series: readonly MetricSeries[];
  /** When the failure happened (epoch ms): a vertical marker. */
  readonly failureAt?: number;
  /** A line the reader should compare against (a limit, a timeout). */
  readonly threshold?: { readonly value: number; readonly label: string };
}

export interface KeyMetricSource {
  seriesFor(request: DiagnosisRequest, diagnosis: Diagnosis): Promise<KeyMetricSeries | undefined>;
}

/** Port: turns a series into a picture (PNG bytes). */
export interface ChartRenderer {
  render(series: KeyMetricSeries): Promise<Uint8Array>;
}
