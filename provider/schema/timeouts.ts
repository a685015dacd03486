/**
 * How long an up waits for Azure, per operation, as the resource's `timeouts` input: Pulumi's
 * `customTimeouts` never reach a dynamic provider (the Node host drops the engine's timeout), so the
 * bound is an input of its own, written the way `customTimeouts` is ("90m", "1h30m", "45s").
 */
import { FieldSpec, Inputs, described } from "./types";
import { getPath } from "./values";

export type Phase = "create" | "update" | "delete";

/** Generous enough for an image version replicating to many regions, which can take hours. */
export const DEFAULT_TIMEOUTS: Record<Phase, string> = { create: "3h", update: "3h", delete: "1h" };

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const DURATION = /^(\d+(?:\.\d+)?(?:h|ms|m|s))+$/;

/** Milliseconds in a duration such as "1h30m", or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
    if (!DURATION.test(text)) return undefined;
    let ms = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) ms += Number(n) * UNIT_MS[unit];
    return ms > 0 ? ms : undefined;
}

const duration = (op: Phase): FieldSpec => ({
    path: `timeouts.${op}`,
    type: "string",
    onChange: "update",
    inModel: false,
    validate: described('a duration such as "90m", "1h30m" or "45s"', (v: unknown) => (durationMs(String(v)) === undefined ? `must be a duration such as "90m", "1h30m" or "45s", not "${String(v)}"` : undefined)),
});

/**
 * The `timeouts` input of every resource. Changing it is an update that sends nothing to Azure, so
 * that the new limits reach the state a later delete reads.
 */
export const timeouts: FieldSpec[] = [duration("create"), duration("update"), duration("delete")];

/** The bound for an operation: the resource's own, or the default. */
export function timeoutOf(inputs: Inputs, op: Phase): { ms: number; text: string } {
    const own = getPath(inputs, `timeouts.${op}`);
    const text = typeof own === "string" && durationMs(own) !== undefined ? own : DEFAULT_TIMEOUTS[op];
    return { ms: durationMs(text)!, text };
}
