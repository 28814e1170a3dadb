// The embed builder: a form for every setting of <rnn-trainer>, a live preview, and
// the three snippets (script tag, iframe, link) that the preview's embedCode() gives.
const TEXT = {
  en: {
    title: 'Embed builder · rnn-lab', heading: 'Embed builder',
    intro: 'Choose the experiment your students will see; the preview trains as you choose. Then copy the snippet your course platform accepts.',
    models: 'Models', hyperparameters: 'Hyperparameters', 'seq-len': 'Sequence length', 'hidden-size': 'Hidden size',
    'learning-rate': 'Learning rate', epochs: 'Epochs', split: 'Train fraction', seed: 'Seed',
    pace: 'Pace (epochs per second, empty: as fast as possible)', autostart: 'Start training when the page opens',
    controls: 'What the reader may change', charts: 'Charts', loss: 'Loss per epoch', prediction: 'Predictions',
    gates: 'Gate heatmaps', language: 'Language of the experiment', data: 'Data',
    'data-default': 'The textbook’s noisy sine wave', 'data-url': 'A CSV file at a URL', 'data-csv': 'Values pasted here',
    src: 'CSV URL (the server must allow other sites to read it: CORS)', csv: 'CSV values (one number per line, or columns)',
    column: 'Column (name or 0-based index)', preview: 'Preview', snippets: 'Snippets',
    script: 'Script tag', iframe: 'iframe', url: 'Link',
    'script-advice': 'For pages that keep scripts: a static site, Jupyter Book or MyST, Quarto, Docusaurus, MkDocs, or a WordPress Custom HTML block written by an editor or administrator.',
    'iframe-advice': 'For platforms that remove scripts but keep iframes: Canvas, a Moodle page, or WordPress for authors (through an embed plugin).',
    'url-advice': 'For platforms that embed a link: Google Sites (Embed, By URL), Notion (/embed), a Moodle URL resource; or to share by e-mail.',
    copy: 'Copy', copied: 'Copied.', footer: 'The README’s “Course platforms” section gives the steps for each platform.',
    switch: '中文', switchLang: 'zh-CN',
  },
  'zh-CN': {
    title: '嵌入代码生成器 · rnn-lab', heading: '嵌入代码生成器',
    intro: '选择学生将看到的实验，预览会随选择即时训练。然后复制课程平台所接受的代码。',
    models: '模型', hyperparameters: '超参数', 'seq-len': '序列长度', 'hidden-size': '隐藏单元数',
    'learning-rate': '学习率', epochs: '轮次', split: '训练集比例', seed: '随机种子',
    pace: '速度上限（每秒轮次；留空则不限）', autostart: '打开页面时自动开始训练',
    controls: '读者可以调整的参数', charts: '图表', loss: '每轮的损失', prediction: '预测',
    gates: '门控热图', language: '实验的语言', data: '数据',
    'data-default': '教材中带噪声的正弦波', 'data-url': '某个网址上的 CSV 文件', 'data-csv': '在此粘贴的数值',
    src: 'CSV 网址（服务器须允许其他网站读取：CORS）', csv: 'CSV 数值（每行一个数，或多列）',
    column: '数据列（列名或从 0 开始的列号）', preview: '预览', snippets: '嵌入代码',
    script: '脚本标签', iframe: '内嵌框架（iframe）', url: '网址链接',
    'script-advice': '适用于保留脚本的页面：静态网站、Jupyter Book 或 MyST、Quarto、Docusaurus、MkDocs，或由编辑、管理员编写的 WordPress“自定义 HTML”区块。',
    'iframe-advice': '适用于删除脚本但保留 iframe 的平台：Canvas、Moodle 的“页面”，或普通作者的 WordPress（借助嵌入插件）。',
    'url-advice': '适用于按链接嵌入的平台：Google 协作平台（嵌入 → 按网址）、Notion（/embed）、Moodle 的“网址”资源；也可通过邮件分享。',
    copy: '复制', copied: '已复制。', footer: 'README 的“Course platforms”一节给出了每个平台的具体步骤。',
    switch: 'English', switchLang: 'en',
  },
};

const form = document.getElementById('builder');
const preview = document.getElementById('preview');
const KINDS = ['script', 'iframe', 'url'];
let trainer = null;

/** The builder's own language: its labels and advice (the experiment's language is a field). */
function setLanguage(lang) {
  const text = TEXT[lang];
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = text[node.dataset.text];
  const button = document.getElementById('ui-lang');
  button.textContent = text.switch;
  button.lang = text.switchLang;
}

const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
const field = (name) => form.elements.namedItem(name);

/** The form as <rnn-trainer> attributes (null: leave it out). */
function attributes() {
  const data = checked('data')[0];
  const charts = checked('charts');
  const controls = checked('controls');
  return {
    models: checked('models').join(' ') || 'gru',
    'seq-len': field('seq-len').value, 'hidden-size': field('hidden-size').value,
    'learning-rate': field('learning-rate').value, epochs: field('epochs').value,
    split: field('split').value, seed: field('seed').value,
    pace: field('pace').value.trim() || null,
    autostart: field('autostart').checked ? '' : null,
    controls: controls.length ? controls.join(' ') : 'none',
    charts: charts.length ? charts.join(' ') : 'none',
    src: data === 'url' ? field('src').value.trim() || null : null,
    column: field('column').value.trim() || '0',
  };
}

/** A new preview trainer for the form, training at once; the snippets follow it. */
function rebuild() {
  const box = document.createElement('div');
  box.lang = checked('lang')[0];
  trainer = document.createElement('rnn-trainer');
  trainer.id = 'preview-trainer';
  for (const [name, value] of Object.entries(attributes())) if (value !== null) trainer.setAttribute(name, value);
  if (checked('data')[0] === 'csv') {
    const script = document.createElement('script');
    script.type = 'text/csv';
    script.textContent = field('csv').value;
    trainer.append(script);
  }
  box.append(trainer);
  if (field('gates').checked) {
    const gates = document.createElement('gate-chart');
    gates.setAttribute('for', trainer.id);
    box.append(gates);
  }
  preview.replaceChildren(box);
  // A reader's change in the preview's own controls restarts it: the snippets follow.
  trainer.addEventListener('rnn-start', writeSnippets);
  writeSnippets();
  if (!trainer.autostart) trainer.start().catch(() => {}); // errors show in the preview
}

function writeSnippets() {
  for (const kind of KINDS) {
    document.querySelector(`.snippet[data-kind="${kind}"] textarea`).value = trainer.embedCode(kind);
  }
}

let timer = 0;
form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(rebuild, 300);
});
form.addEventListener('submit', (event) => event.preventDefault());

for (const box of document.querySelectorAll('.snippet')) {
  box.querySelector('button').addEventListener('click', async () => {
    const area = box.querySelector('textarea');
    const status = box.querySelector('[role="status"]');
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      area.select(); // no clipboard here (an insecure page): selected, for Ctrl+C
      return;
    }
    status.textContent = TEXT[document.documentElement.lang].copied;
    setTimeout(() => { status.textContent = ''; }, 3000);
  });
}

document.getElementById('ui-lang').addEventListener('click', () => setLanguage(TEXT[document.documentElement.lang].switchLang));

// ?lang=zh-CN opens the builder in Chinese, with a Chinese experiment to start from.
const initial = new URLSearchParams(location.search).get('lang') === 'zh-CN' ? 'zh-CN' : 'en';
setLanguage(initial);
form.querySelector(`input[name="lang"][value="${initial}"]`).checked = true;
await customElements.whenDefined('rnn-trainer');
rebuild();
