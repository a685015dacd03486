/** What the engine tests read off a run: its plan, a resource's changes, the writes Azure received. */
import * as assert from "assert";
import type { ArmEmulator } from "../../emulator/server";
import type { RunResult } from "./driver";
import { changeLine } from "./jsonDiff";

/** A resource's name, the last part of its URN. */
export const name = (urn: string) => urn.split("::").pop();
/** The run's steps as the CLI lists them, `<op> <resource>`, in the order they were taken. */
export const plan = (r: RunResult) => r.steps.map((s) => `${s.op} ${name(s.urn)}`);
/** The plan without the resources that stay as they are, sorted. */
export const changed = (r: RunResult) => plan(r).filter((p) => !p.startsWith("same ")).sort();
export const ok = (r: RunResult) => assert.strictEqual(r.error, undefined, r.error);
/** A resource's `--diff` lines in a run's plan. */
export const diffOf = (r: RunResult, resource: string) => (r.steps.find((s) => name(s.urn) === resource)?.changes ?? []).map(changeLine);
/** The writes Azure received since request `from`, as method and the path below the galleries. */
export const writesIn = (emulator: ArmEmulator, from: number) => emulator.writes(from).map((w) => `${w.method} ${w.path.replace(/.*\/galleries\//, "")}`);
