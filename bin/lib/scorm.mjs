// `rnn-lab package LESSON.html --scorm OUT.zip`: a SCORM 1.2 package (one SCO) of
// the lesson, rnn-lab's files, the runtime that reports to the LMS, and the page's assets.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { zipSync } from 'fflate';
import { cdnText, libraryFiles } from './library.mjs';
import { cssReferences, packagedPath, readLesson, rewrite } from './page.mjs';

/** Where rnn-lab's files go inside the package. */
const LIBRARY_DIR = 'rnn-lab';

const escapeXml = (text) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page's <title>, for the LMS's course list. */
export function titleOf(html, fallback) {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  const title = match?.[1].replace(/\s+/g, ' ').trim();
  return title || fallback;
}

/**
 * imsmanifest.xml: one organization with one item, launching the one SCO. The
 * identifier comes from the page's file name, so a rebuilt package updates the
 * same course in an LMS that matches packages by identifier.
 */
export function manifest({ identifier, title, launch, files }) {
  const fileList = files.map((file) => `      <file href="${escapeXml(file)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${escapeXml(identifier)}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="organization">
    <organization identifier="organization">
      <title>${escapeXml(title)}</title>
      <item identifier="lesson" identifierref="sco" isvisible="true">
        <title>${escapeXml(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(launch)}">
${fileList}
    </resource>
  </resources>
</manifest>
`;
}

/** The files of the package: path inside it -> contents. */
export function scormFiles(lessonPath, backends) {
  const lesson = readLesson(lessonPath);
  const files = new Map();
  const launch = basename(lesson.file);
  const addAsset = (file) => {
    const path = packagedPath(file, lesson.dir);
    if (files.has(path)) return path;
    if (file.toLowerCase().endsWith('.css')) {
      // A stylesheet's own url()s are relative to it: keep them pointing at the packaged copies.
      const { css, refs } = cssReferences(file);
      const depth = path.split('/').length - 1;
      files.set(path, Buffer.from(rewrite(css, refs, (ref) => '../'.repeat(depth) + addAsset(ref.file))));
    } else {
      files.set(path, readFileSync(file));
    }
    return path;
  };

  const runtime = `\n<script type="module" src="${LIBRARY_DIR}/scorm-runtime.js"></script>`;
  const refs = [
    ...lesson.references.map((ref) => ({ ...ref, replacement: addAsset(ref.file) })),
    { start: lesson.library.start, end: lesson.library.end, replacement: `${LIBRARY_DIR}/rnn-lab.js` },
    { start: lesson.library.tagEnd, end: lesson.library.tagEnd, replacement: runtime },
  ];
  files.set(launch, Buffer.from(rewrite(lesson.html, refs, (ref) => ref.replacement)));
  for (const [name, contents] of libraryFiles(backends)) files.set(`${LIBRARY_DIR}/${name}`, contents);
  files.set(`${LIBRARY_DIR}/scorm-runtime.js`, Buffer.from(cdnText('scorm-runtime.js')));

  const identifier = `rnn-lab-${launch.replace(/\.html?$/i, '').replace(/[^\w.-]/g, '-')}`;
  const title = titleOf(lesson.html, launch);
  const xml = manifest({ identifier, title, launch, files: [...files.keys()] });
  return new Map([['imsmanifest.xml', Buffer.from(xml)], ...files]);
}

/** The zip of the package. */
export function scormZip(lessonPath, backends) {
  const entries = Object.fromEntries([...scormFiles(lessonPath, backends)].map(([path, data]) => [path, new Uint8Array(data)]));
  return zipSync(entries, { level: 9 });
}
