/**
 * What the two forms that write a new return (New return, and Issue from a template version) keep alike: the provider
 * and period typed, whether the user has tried to submit (problems show only then), when a provider name is missing,
 * and what happens once the return is written. Each form adds only its own choice of template.
 */
import * as React from "react";
import { useState } from "react";
import type { NewReturnOutcome, NewReturnRequest, ReturnsHost } from "../host";
import { type HostAction, useHostAction } from "../use-host-action";
import { PeriodField, periodProblem, ProviderField } from "./PeriodForm";

/** What both forms are given: the host that writes the return, the period to suggest, and whom to tell. */
export interface NewReturnFormProps {
  host: ReturnsHost;
  /** Suggested period (the open return's, or the current quarter). */
  defaultPeriod: string;
  onCreated?(outcome: NewReturnOutcome): void;
}

/** The provider and period as typed, trimmed for the request. */
export interface ProviderAndPeriod {
  readonly provider: string;
  readonly period: string;
}

export interface NewReturnForm {
  readonly action: HostAction;
  readonly provider: string;
  readonly setProvider: (value: string) => void;
  readonly period: string;
  readonly setPeriod: (value: string) => void;
  readonly tried: boolean;
  readonly providerProblem: string | null;
  /** The return written by the last submit, shown until the next one. */
  readonly created: NewReturnOutcome | null;
  /**
   * Checks the fields and, when they are right, writes the return `request` builds (null: the form's own choice is
   * not made, nothing is written).
   */
  submit(
    busyText: string,
    nextStep: string,
    request: (typed: ProviderAndPeriod) => NewReturnRequest | null,
  ): Promise<void>;
}

export function useNewReturnForm(
  host: ReturnsHost,
  defaultPeriod: string,
  onCreated?: (outcome: NewReturnOutcome) => void,
): NewReturnForm {
  const action = useHostAction();
  const [provider, setProvider] = useState("");
  const [period, setPeriod] = useState(defaultPeriod);
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<NewReturnOutcome | null>(null);
  const providerProblem =
    provider.trim() === "" ? "Name the provider, as it appears in its funding agreement." : null;

  const submit: NewReturnForm["submit"] = async (busyText, nextStep, request) => {
    setTried(true);
    setCreated(null);
    if (providerProblem || periodProblem(period)) return;
    const wanted = request({ provider: provider.trim(), period: period.trim() });
    if (!wanted) return;
    await action.runAndUse(
      busyText,
      () => host.createReturn(wanted),
      nextStep,
      (outcome) => {
        setCreated(outcome);
        onCreated?.(outcome);
      },
    );
  };
  return { action, provider, setProvider, period, setPeriod, tried, providerProblem, created, submit };
}

/** The provider and period fields of a new-return form. */
export const ProviderAndPeriodFields: React.FC<{ form: NewReturnForm }> = ({ form }) => (
  <>
    <ProviderField
      value={form.provider}
      onChange={form.setProvider}
      problem={form.providerProblem}
      tried={form.tried}
    />
    <PeriodField
      value={form.period}
      onChange={form.setPeriod}
      hint="A financial-year quarter, e.g. 2022-23 Q2"
      tried={form.tried}
    />
  </>
);
