/**
 * Runs the apps from their TypeScript sources in a child process (`node -r test/chaos/ts-register.js apps/…/main.ts`):
 * each .ts file is transpiled on load with the project's compiler options (no type check — the suite's own run
 * type-checks), so the chaos suite can kill -9 and restart real worker and API processes without a build step.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const ts = require('typescript');
const fs = require('fs');
const path = require('path');

const configPath = path.join(__dirname, '../../tsconfig.json');
const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, noEmit: false, declaration: false };

require('../../scripts/aliases').registerSourceAliases(); // @eco/<lib> → libs/<lib>/src/index.ts

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
