// The built-in questionnaire: household-dx version 1 as data (today's form, rules and indicators).
import file from '../data/surveys/household-dx.v1.json';
import type { Definition } from './definition';

/** household-dx v1; `checkDefinition` finds nothing in it (a unit test says so). */
export const HOUSEHOLD_DX_V1 = file as Definition;
