import { render } from 'preact';
import '../shared/console.css';
import { Header } from '../shared/header.tsx';

function Page() {
  return (
    <>
      <Header current="demo" />
      <main>
        <h2>Not built yet</h2>
      </main>
    </>
  );
}

render(<Page />, document.getElementById('root') ?? document.body);
