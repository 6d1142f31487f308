export type { TemplateIssue } from './template-loader';
export {
  TemplateValidationError,
  TemplateRegistry,
  builtInTemplateDir,
  checkReferences,
  formatPath,
  loadBuiltInTemplates,
  loadTemplateFile,
  parseTemplate,
} from './template-loader';
