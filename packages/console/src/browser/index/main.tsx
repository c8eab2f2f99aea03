import { render } from 'preact';
import '../shared/console.css';
import { Header } from '../shared/header.tsx';

function Overview() {
  return (
    <>
      <Header current="index" />
      <main>
        <h2>What this console shows</h2>
        <ul>
          <li>
            <a href="/console/demo">Payment app and attack control panel</a>: a customer pays from a
            phone; stage a SIM swap, a new device, a bot or a telco outage and watch the decision.
          </li>
          <li>
            <a href="/console/analyst">Analyst view</a>: decisions as they arrive, KPIs, charts, a
            decision&apos;s signals and features, the policy and its backtest.
          </li>
        </ul>
      </main>
    </>
  );
}

render(<Overview />, document.getElementById('root') ?? document.body);
