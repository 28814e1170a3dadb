import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Experiment } from './Experiment.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Experiment seqLen={10} />
  </StrictMode>,
);
