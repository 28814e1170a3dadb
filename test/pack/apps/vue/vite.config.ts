import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// README's Vue configuration: the compiler leaves rnn-lab's tags to the browser.
const RNN_LAB_TAGS = ['rnn-trainer', 'loss-chart', 'prediction-chart', 'gate-chart'];

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => RNN_LAB_TAGS.includes(tag) } } })],
});
