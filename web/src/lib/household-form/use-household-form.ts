// State of the household form page: answers, which fields were touched, which issues to show, which
// member is open, and where to put the focus after a failed submit. The questions are the round's definition.

import { BIRTH_YEAR, type Definition, HOUSEHOLD_DX_V1 } from '@shared/questionnaire';
import type { FieldIssue } from '@shared/survey/validate';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useLang } from '../platform/use-lang';
import { checkForm, fieldId, firstPerPath, memberIndexOf, orderIssues, pathAfterRemoval } from './form-issues';
import { type Answer, emptyMember, type FormState, fieldPaths, type ResponseTarget } from './form-state';

export function useHouseholdForm(initial: () => FormState, target: ResponseTarget, referenceYear: number, definition: Definition = HOUSEHOLD_DX_V1) {
  const { lang } = useLang();
  const [state, setState] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [openMember, setOpenMember] = useState(0);
  const [focus, setFocus] = useState<{ path: string } | undefined>();

  const check = useMemo(() => checkForm(state, target, referenceYear, lang, definition), [state, target, referenceYear, lang, definition]);
  const paths = useMemo(() => fieldPaths(state, referenceYear, definition), [state, referenceYear, definition]);
  /** Client issues once submitted (or of fields touched so far), then the server's for other fields. */
  const shown = useMemo(() => {
    const own = check.issues.filter((issue) => submitted || touched.has(issue.path));
    return orderIssues(firstPerPath([...own, ...serverIssues]), paths);
  }, [check, submitted, touched, serverIssues, paths]);

  useEffect(() => {
    if (!focus) return;
    const element = document.getElementById(fieldId(focus.path)) ?? document.getElementById('error-summary');
    element?.focus();
    element?.scrollIntoView({ block: 'center' });
  }, [focus]);

  const dropServerIssue = (path: string) => setServerIssues((issues) => (issues.some((i) => i.path === path) ? issues.filter((i) => i.path !== path) : issues));

  // biome-ignore lint/correctness/useExhaustiveDependencies: dropServerIssue only calls the stable setServerIssues, so this never goes stale and stays one callback for the fields it is handed to.
  const setHouseholdAnswer = useCallback((id: string, value: Answer) => {
    setState((s) => ({ ...s, household: { ...s.household, [id]: value } }));
    dropServerIssue(`household.${id}`);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: dropServerIssue only calls the stable setServerIssues, so this never goes stale and stays one callback for the fields it is handed to.
  const setMemberAnswer = useCallback((index: number, id: string, value: Answer) => {
    setState((s) => ({ ...s, members: s.members.map((m, i) => (i === index ? { ...m, answers: { ...m.answers, [id]: value } } : m)) }));
    dropServerIssue(`members.${index}.${id}`);
  }, []);

  const setHouseholdCode = useCallback((householdCode: string | undefined) => {
    setState(({ householdCode: _previous, ...rest }) => (householdCode ? { ...rest, householdCode } : rest));
  }, []);

  const touch = useCallback((path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path))), []);

  const addMember = () => {
    if (state.members.length >= definition.members.max) return;
    setState((s) => ({ ...s, members: [...s.members, emptyMember()] }));
    setOpenMember(state.members.length);
    // The birth year (what decides the other questions) takes the focus: the collector types at once.
    const first = definition.members.questions.find((q) => q.id === BIRTH_YEAR) ?? definition.members.questions[0];
    if (first) setFocus({ path: `members.${state.members.length}.${first.id}` });
  };

  const removeMember = (index: number) => {
    if (state.members.length <= Math.max(definition.members.min, 1)) return;
    setState((s) => ({ ...s, members: s.members.filter((_, i) => i !== index) }));
    setTouched((t) => new Set([...t].flatMap((path) => pathAfterRemoval(path, index) ?? [])));
    setServerIssues((issues) =>
      issues.flatMap((issue) => {
        const path = pathAfterRemoval(issue.path, index);
        return path === undefined ? [] : [{ ...issue, path }];
      }),
    );
    setOpenMember((open) => (open > index ? open - 1 : open === index ? -1 : open));
  };

  /** "Next member": opens the following card, or adds a member after the last one (one tap, not three). */
  const nextMember = () => {
    if (openMember >= 0 && openMember < state.members.length - 1) setOpenMember(openMember + 1);
    else addMember();
  };

  /** Starts over from other answers (a reload after a conflict). */
  const replace = (next: FormState) => {
    setState(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerIssues([]);
    setOpenMember(0);
  };

  /** The validated body, or undefined after showing every issue and focusing the first. */
  const attemptSubmit = () => {
    setSubmitted(true);
    setServerIssues([]);
    if (check.body) return check.body;
    revealFirst(check.issues);
    return undefined;
  };

  /** Shows issues the server found and focuses the first. */
  const showServerIssues = (issues: FieldIssue[]) => {
    setServerIssues(issues);
    revealFirst(orderIssues(issues, paths));
  };

  /** Opens the member card of a path and puts the focus on its field (the summary's links do this). */
  const focusField = (path: string) => {
    const member = memberIndexOf(path);
    if (member !== undefined) setOpenMember(member);
    setFocus({ path });
  };

  const revealFirst = (issues: readonly FieldIssue[]) => {
    const first = issues[0];
    if (first) focusField(first.path);
  };

  return {
    state,
    shown,
    submitted,
    openMember,
    setOpenMember,
    setHouseholdAnswer,
    setMemberAnswer,
    setHouseholdCode,
    touch,
    addMember,
    nextMember,
    removeMember,
    definition,
    replace,
    attemptSubmit,
    showServerIssues,
    focusField,
  };
}

export type HouseholdFormModel = ReturnType<typeof useHouseholdForm>;
