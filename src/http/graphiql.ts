/**
 * GraphiQL served entirely from our own packages (React 18 and GraphiQL 3 UMD builds), with no
 * CDN: county networks are often offline. In demo mode the page offers one token per role.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { EXAMPLE_OPERATIONS } from './graphiql/examples';

export interface DemoToken {
  role: string;
  /** The scope's division code (significant prefix) and its region's name. */
  scope: string;
  scopeName: string;
  token: string;
}

/** The folder of an installed package, found from its entry point (their exports hide the UMD files). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found`);
    dir = parent;
  }
  return dir;
}

const VENDOR_FILES: Record<string, [string, string]> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>扶贫项目资产 GraphiQL</title>
<link rel="stylesheet" href="/graphiql/vendor/graphiql.css">
<link rel="stylesheet" href="/graphiql/page.css">
</head>
<body>
<header>
  <strong>扶贫项目资产管理 · Asset register API</strong>
  <label>Demo token <select id="demo-token"><option value="">(none)</option></select></label>
  <input id="token" placeholder="Bearer token (paste one, or choose a demo role)" autocomplete="off">
</header>
<div id="graphiql">Loading…</div>
<script src="/graphiql/vendor/react.js"></script>
<script src="/graphiql/vendor/react-dom.js"></script>
<script src="/graphiql/vendor/graphiql.js"></script>
<script src="/graphiql/page.js"></script>
</body>
</html>
`;

const CSS = `html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; }
header { display: flex; gap: 12px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
header input { flex: 1; font-family: monospace; }
#graphiql { flex: 1; min-height: 0; }
`;

/** The page script: the token box feeds an Authorization header unless the headers tab sets one. */
const SCRIPT = `(async function () {
  const config = await (await fetch('/graphiql/config.json')).json();
  const select = document.getElementById('demo-token');
  const input = document.getElementById('token');
  for (const t of config.demoTokens) {
    const option = document.createElement('option');
    option.value = t.token;
    option.textContent = t.role + ' · ' + t.scopeName + ' (' + t.scope + ')';
    select.appendChild(option);
  }
  input.value = localStorage.getItem('asset-register:token') || '';
  select.addEventListener('change', function () { input.value = select.value; input.dispatchEvent(new Event('input')); });
  input.addEventListener('input', function () { localStorage.setItem('asset-register:token', input.value.trim()); });
  async function fetcher(params, options) {
    const headers = Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, (options && options.headers) || {});
    const token = input.value.trim().replace(/^Bearer\\s+/i, '');
    if (token && !Object.keys(headers).some(function (k) { return k.toLowerCase() === 'authorization'; })) {
      headers.authorization = 'Bearer ' + token;
    }
    const response = await fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) });
    return response.json();
  }
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultTabs: config.examples.map(function (e) { return { query: e.query, variables: e.variables }; }),
  }));
})();
`;

export function graphiqlRouter(demoTokens: () => DemoToken[]): Router {
  const router = Router();
  const vendor = Object.fromEntries(Object.entries(VENDOR_FILES).map(([file, [pkg, rel]]) => [file, path.join(packageDir(pkg), rel)]));
  router.get('/graphiql', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/graphiql/page.css', (_req, res) => {
    res.type('css').send(CSS);
  });
  router.get('/graphiql/page.js', (_req, res) => {
    res.type('application/javascript').send(SCRIPT);
  });
  router.get('/graphiql/config.json', (_req, res) => {
    res.json({ demoTokens: demoTokens(), examples: EXAMPLE_OPERATIONS });
  });
  router.get('/graphiql/vendor/:file', (req, res) => {
    const file = vendor[req.params.file];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}
