/**
 * The provider driven the way the Pulumi engine drives a dynamic provider, in-process: Check(olds =
 * previous inputs, news = program inputs), Create, Diff(olds = outputs, news = checked inputs), Read.
 * Assertions name what differed, so a failure tells the fixer which property to look at.
 */
import * as assert from "assert";
import type * as pulumi from "@pulumi/pulumi";
import { adapters as kinds } from "../../provider/kinds";
import { providers } from "../../provider/runtime";
import { diff as fieldChanges } from "../../provider/schema/engine";
import { Inputs } from "../../provider/schema/types";
import { KindName } from "./examples";
import { LoggedRequest, ReplayServer } from "./replay";

export interface Checked {
    inputs: Inputs;
    failures: { property: string; reason: string }[];
}

export async function check(kind: KindName, olds: Inputs, news: Inputs): Promise<Checked> {
    const r: pulumi.dynamic.CheckResult = await providers[kind].check!(olds, news);
    return { inputs: (r.inputs ?? {}) as Inputs, failures: (r.failures ?? []) as Checked["failures"] };
}

export async function create(kind: KindName, inputs: Inputs): Promise<{ id: string; outs: Inputs }> {
    const r: pulumi.dynamic.CreateResult = await providers[kind].create(inputs);
    return { id: String(r.id), outs: (r.outs ?? {}) as Inputs };
}

export async function diff(kind: KindName, id: string, olds: Inputs, news: Inputs): Promise<{ changes: boolean; replaces: string[] }> {
    const r: pulumi.dynamic.DiffResult = await providers[kind].diff!(id, olds, news);
    return { changes: r.changes === true, replaces: (r.replaces ?? []) as string[] };
}

export async function read(kind: KindName, id: string, props: Inputs): Promise<{ id?: string; props?: Inputs }> {
    const r: pulumi.dynamic.ReadResult = await providers[kind].read!(id, props);
    return { id: r.id === undefined ? undefined : String(r.id), props: r.props as Inputs | undefined };
}

/** Check's refusals of the official request, as lines for the failure message (empty when accepted). */
export function checkProblems(c: Checked, what: string): string[] {
    return c.failures.length === 0 ? [] : [`${what}: check refused the official request:\n${c.failures.map((f) => `  ${f.property}: ${f.reason}`).join("\n")}`];
}

/** The provider must not call Azure at check or diff time: previews run offline of the resource. */
export function assertNoRequests(server: ReplayServer, since: number, when: string): void {
    const made = server.since(since);
    assert.deepStrictEqual(made.map(describeRequest), [], `the provider called Azure during ${when}`);
}

export function assertNothingUnexpected(requests: LoggedRequest[], when: string): void {
    const odd = requests.filter((r) => r.unexpected);
    assert.deepStrictEqual(odd.map(describeRequest), [], `${when}: requests outside the recorded exchange`);
}

/** Create: a GET answered 404 (nothing there yet), then exactly one PUT. */
export function assertCreateExchange(requests: LoggedRequest[]): void {
    assertNothingUnexpected(requests, "create");
    assert.ok(requests.length > 0 && requests[0].method === "GET" && requests[0].status === 404, `create should first read the resource (404): ${requests.map(describeRequest).join(", ")}`);
    assert.strictEqual(requests.filter((r) => r.method === "PUT").length, 1, `create should PUT once: ${requests.map(describeRequest).join(", ")}`);
}

function describeRequest(r: LoggedRequest): string {
    return `${r.method} ${r.path}${r.query} → ${r.status}`;
}

const MAX_VALUE = 400;

function show(v: unknown): string {
    const s = JSON.stringify(v) ?? "undefined";
    return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

const squash = (v: unknown) => String(v).replace(/\s+/g, "").toLowerCase();

/**
 * The value at one of the diff's paths, e.g. `publishingProfile.targetRegions[eastus].encryption.dataDiskImages[1]`:
 * a bracket picks the list element whose name, lun, edge zone or storage type is the key (spelling aside).
 */
function valueAt(root: unknown, diffPath: string): unknown {
    let cur: unknown = root;
    for (const seg of diffPath.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
        if (seg.startsWith("[")) {
            const key = squash(seg.slice(1, -1));
            const list = Array.isArray(cur) ? (cur as unknown[]) : [];
            cur = list.find((el) => {
                if (typeof el !== "object" || el === null) return false;
                const e = el as Record<string, unknown>;
                const ext = e.extendedLocation as Record<string, unknown> | undefined;
                return [e.name, e.lun, ext?.name, e.storageAccountType, e.type].some((k) => k !== undefined && squash(k) === key);
            });
        } else {
            cur = typeof cur === "object" && cur !== null && !Array.isArray(cur) ? (cur as Record<string, unknown>)[seg] : undefined;
        }
    }
    return cur;
}

/** Leaves of the program's inputs whose literal value in the state differs (arrays by position). */
function literalDifferences(state: unknown, program: unknown, at = ""): string[] {
    if (Array.isArray(program)) {
        return program.flatMap((x, i) => literalDifferences(Array.isArray(state) ? state[i] : undefined, x, `${at}[${i}]`));
    }
    if (typeof program === "object" && program !== null) {
        const s = typeof state === "object" && state !== null && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
        return Object.entries(program as Record<string, unknown>)
            .filter(([k]) => !k.startsWith("__"))
            .flatMap(([k, x]) => literalDifferences(s[k], x, at ? `${at}.${k}` : k));
    }
    return state === program ? [] : [`${at}: program ${show(program)}, Azure/state ${show(state)}`];
}

/**
 * Why a diff that should be empty is not, or undefined when it is empty. The message lists the
 * provider's changed properties (`path (update|replace)`) with the Azure/state and program values at
 * each, and the literal differences, which include spellings ARM treats as equal.
 */
export function changeProblem(kind: KindName, d: { changes: boolean; replaces: string[] }, olds: Inputs, news: Inputs, when: string): string | undefined {
    if (!d.changes && d.replaces.length === 0) return undefined;
    const changes = fieldChanges(kinds[kind].spec, olds, news);
    const literal = literalDifferences(olds, news);
    return [
        `${when} is not empty: diff answered changes=${d.changes}, replaces=${show(d.replaces)}`,
        `changed properties (provider's field diff), with Azure/state and program values:`,
        ...changes.flatMap((c) => [`  ${c.path} (${c.onChange})`, `    Azure/state: ${show(valueAt(olds, c.path))}`, `    program:     ${show(valueAt(news, c.path))}`]),
        `literal differences between program and state (some are spellings ARM treats as equal):`,
        ...(literal.length > 0 ? literal.slice(0, 15).map((l) => `  ${l}`) : ["  (none)"]),
    ].join("\n");
}

/** Fails with every problem found, so one run shows all that a fix must address. */
export function assertNoProblems(problems: (string | undefined)[]): void {
    const found = problems.filter((p): p is string => p !== undefined);
    if (found.length > 0) assert.fail(found.join("\n\n"));
}
