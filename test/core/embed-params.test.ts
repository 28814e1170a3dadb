import { expect } from '@open-wc/testing';
import {
  embedEntries, formatEntries, fragmentEntries, parseEmbedParams,
} from '../../src/core/embed-params.js';

const parse = (fragment: string) => parseEmbedParams(fragmentEntries(fragment));

describe('embed parameters', () => {
  it('reads trainer attributes and the page keys from a fragment', () => {
    const params = parse('#models=gru%20lstm&seq-len=30&autostart&src=https://a.example/x.csv%3Fv%3D1&lang=zh-CN&gates&theme=dark&title=%E5%AE%9E%E9%AA%8C');
    expect(params.attributes).to.deep.equal({ models: 'gru lstm', 'seq-len': '30', autostart: '', src: 'https://a.example/x.csv?v=1' });
    expect(params).to.deep.include({ lang: 'zh-CN', gates: true, theme: 'dark', title: '实验', error: null });
  });

  it('leaves values to the trainer, and reports an unknown key as invalid-attribute naming it', () => {
    const params = parse('seq-len=abc&seqlen=30&models=gru');
    expect(params.attributes).to.deep.equal({ 'seq-len': 'abc', models: 'gru' });
    expect(params.error?.code).to.equal('invalid-attribute');
    expect(params.error?.message).to.contain('“seqlen”').and.contain('seq-len');
  });

  it('reports a page key with a bad value, and reads the other keys still', () => {
    for (const bad of ['lang=fr', 'theme=pink', 'gates=maybe', 'autostart=sometimes']) {
      const params = parse(`${bad}&epochs=5`);
      expect(params.error?.code, bad).to.equal('invalid-attribute');
      expect(params.attributes.epochs).to.equal('5');
    }
    expect(parse('autostart=false').attributes).to.deep.equal({});
    expect(parse('lang=ZH-cn').lang).to.equal('zh-CN');
  });

  it('keeps a part with a malformed escape as it is written', () => {
    expect(fragmentEntries('#a=%E0%A4%A&b')).to.deep.equal([['a', '%E0%A4%A'], ['b', null]]);
  });

  it('writes entries that read back to the same parameters, readable and safe', () => {
    const params = {
      attributes: { models: 'gru mlp', src: 'https://a.example/d.csv?x=1&y=2#z', autostart: '' },
      lang: 'zh-CN' as const, gates: true, theme: 'light' as const, title: 'A & B = C',
    };
    const text = formatEntries(embedEntries(params));
    expect(text).to.equal('models=gru%20mlp&src=https://a.example/d.csv%3Fx%3D1%26y%3D2%23z&autostart'
      + '&lang=zh-CN&gates&theme=light&title=A%20%26%20B%20%3D%20C');
    expect(parse(text)).to.deep.equal({ ...params, error: null });
  });
});
