import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what the three charts draw: chart.js tree-shakes the rest away.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

/**
 * One chart.js chart, updated in place when `config`'s data changes. The canvas is an image with
 * a label; each chart's numbers are also in a table next to it (screen readers, keyboard).
 */
export function ChartCanvas(props: {
  readonly config: ChartConfiguration<'bar' | 'line'>;
  readonly label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar' | 'line'> | null>(null);
  useEffect(() => {
    if (canvas.current === null) {
      return undefined;
    }
    chart.current = new Chart(canvas.current, props.config);
    // Created once; the effect below feeds it new data.
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    const current = chart.current;
    if (current !== null) {
      current.data = props.config.data;
      current.update('none');
    }
  }, [props.config]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
