/**
 * A small form that acts on a quarter (a new return, the quarterly summary): its period field says what is wrong
 * in words, once the user has tried to submit, rather than the browser's tooltip.
 */
import * as React from "react";
import { Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { describeError } from "../../core/errors";
import { parsePeriod } from "../../core/period";

/** Why a typed period is not one ("2022-23 Q2"); null when it is. */
export function periodProblem(text: string): string | null {
  try {
    parsePeriod(text.trim());
    return null;
  } catch (err) {
    return describeError(err);
  }
}

export interface PeriodFieldProps {
  value: string;
  onChange(value: string): void;
  hint: string;
  /** Show the problem (after the first attempt to submit). */
  tried: boolean;
}

export const PeriodField: React.FC<PeriodFieldProps> = ({ value, onChange, hint, tried }) => {
  const problem = tried ? periodProblem(value) : null;
  return (
    <Field
      label="Period"
      hint={hint}
      required
      validationState={problem ? "error" : "none"}
      validationMessage={problem ?? undefined}
    >
      <Input value={value} onChange={(_, d) => onChange(d.value)} />
    </Field>
  );
};

export interface ProviderFieldProps {
  value: string;
  onChange(value: string): void;
  /** What is wrong with the name typed, in words; null when nothing is. */
  problem: string | null;
  /** Show the problem (after the first attempt to submit). */
  tried: boolean;
}

/** Who owes the return, as a new return or an issued version asks for it. */
export const ProviderField: React.FC<ProviderFieldProps> = ({ value, onChange, problem, tried }) => (
  <Field
    label="Provider"
    required
    validationState={tried && problem ? "error" : "none"}
    validationMessage={tried ? (problem ?? undefined) : undefined}
  >
    <Input value={value} onChange={(_, d) => onChange(d.value)} />
  </Field>
);

export interface PeriodFormProps {
  label: string;
  onSubmit(): void;
  children: React.ReactNode;
}

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    paddingBlock: tokens.spacingVerticalM,
  },
});

export const PeriodForm: React.FC<PeriodFormProps> = ({ label, onSubmit, children }) => {
  const styles = useStyles();
  return (
    <form
      noValidate // our own messages say what is wrong, in words, instead of the browser's tooltip
      className={styles.form}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
};
