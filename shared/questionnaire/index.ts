// The questionnaire engine's public module: definitions as data, their checks, the answer validator, indicator
// evaluation and XLSForm conversion. Pure (no I/O); import from here.
export { type Asked, askedQuestions } from './asked';
export { checkDefinition, checkIndicators } from './check-definition';
export { type CompiledDefinition, compileDefinition, VN_PHONE } from './compile';
export { compileCondition, isEmpty, type Predicate, referencesOf, type Scope } from './condition';
export {
  AGE,
  BIRTH_YEAR,
  type Choice,
  type Comparison,
  type Condition,
  ConditionSchema,
  type Definition,
  DefinitionSchema,
  type Indicator,
  IndicatorSchema,
  type Label,
  type Lang,
  type Question,
  QuestionSchema,
  type QuestionType,
  type Rule,
} from './definition';
export { HOUSEHOLD_DX_V1 } from './household-dx-v1';
export {
  type CompiledIndicators,
  type Contributions,
  compileIndicators,
  contributeInto,
  contributionsOf,
  type SurveyResponseAnswers,
  tallyOfAnswers,
} from './indicators';
export { fillPlaceholders, type QuestionnaireIssue, type Result } from './issues';
export { QUESTIONNAIRE_MESSAGES, type QuestionnaireMessageKey } from './messages';
export { renderCondition } from './render-condition';
export { type Answers, type SurveyAnswers, type ValidateOptions, validateAnswers } from './validate-answers';
export { parseExpression, printExpression } from './xlsform-expression';
export { workbookToDefinition } from './xlsform-read';
export type { Cell, Workbook } from './xlsform-sheets';
export { definitionToWorkbook } from './xlsform-write';
