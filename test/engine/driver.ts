/**
 * A small stand-in for the Pulumi engine, for tests and the demo: it runs a program (program.ts, in
 * a child process), drives the real dynamic-provider host (host.ts) in the engine's order, and keeps
 * the stack's state between runs.
 *
 * What it does as the engine does: Configure first; per registered resource Check (old inputs), then
 * Diff (old outputs) and Create / Update; a replacement re-checks with no old inputs (a fresh
 * auto-name), then creates the new resource and deletes the old one at the end, or deletes first
 * when `deleteBeforeReplace` (taking along the dependents that Diff says must be replaced when the
 * properties they take from it become unknown); resources no longer in the program are deleted at
 * the end, dependents first. Preview calls only Check and Diff. A failed step stops new steps.
 */
import { ChildProcess, fork } from "child_process";
import { createHash } from "crypto";
import { readFileSync } from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { DiffResult, HostError, LogEntry, Props, ProviderHost } from "./host";
import { Change, jsonChanges } from "./jsonDiff";
import { Registration, SecretPath, ToDriver, ToProgram, UNKNOWN } from "./protocol";

export interface StateResource {
    urn: string;
    type: string;
    id: string;
    inputs: Props;
    outputs: Props;
    /** The parent's URN: the engine deletes a child before its parent. */
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** A component resource: the engine keeps it in state and calls no provider for it. */
    component?: true;
    /** Set when Azure has the resource but it failed to become ready; the next up updates it. */
    initErrors?: string[];
    /** Read by `X.get`, not managed by the stack: the engine never updates or deletes it in Azure. */
    external?: boolean;
    /** The inputs the program sent as secrets (as Check returned them); the checkpoint keeps them encrypted. */
    secretInputs?: SecretPath[];
    /** The resource option `additionalSecretOutputs`. */
    secretOutputs?: string[];
}

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The engine's `annotateSecrets` (pkg/resource/plugin/provider_plugin.go), for a provider that takes
 * no secrets, as a dynamic provider: where `outs` has a property of `ins` that holds a secret, the
 * output is secret; where both are objects, member by member; anything else (a list) as a whole.
 * Returns the paths of `outs` that are secret.
 */
export function annotateSecrets(outs: Props, ins: Props, secrets: SecretPath[]): SecretPath[] {
    const found = new Map<string, SecretPath>();
    for (const p of secrets) {
        let o: unknown = outs;
        let i: unknown = ins;
        for (let k = 0; k < p.length; k++) {
            const key = String(p[k]);
            if (!isObject(o) || !(key in o)) break;
            const ov = o[key];
            const iv = isObject(i) ? i[key] : undefined;
            if (k < p.length - 1 && isObject(ov) && isObject(iv)) {
                o = ov;
                i = iv;
                continue;
            }
            const at = p.slice(0, k + 1);
            found.set(JSON.stringify(at), at);
            break;
        }
    }
    return [...found.values()];
}

/** Pulumi's checkpoint form of a secret: its signature and a ciphertext (a digest here, which reveals nothing). */
function encrypted(v: unknown): Props {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: `v1:${createHash("sha256").update(JSON.stringify(v) ?? "").digest("base64")}` };
}

/** The properties with the value at each path encrypted. */
function withSecretsEncrypted(props: Props, paths: SecretPath[]): Props {
    const out = JSON.parse(JSON.stringify(props)) as Props;
    for (const p of paths) {
        let cur: unknown = out;
        p.slice(0, -1).forEach((k) => (cur = (cur as Record<string, unknown> | undefined)?.[String(k)]));
        const last = String(p[p.length - 1]);
        if (cur && typeof cur === "object" && last in cur) (cur as Record<string, unknown>)[last] = encrypted((cur as Record<string, unknown>)[last]);
    }
    return out;
}

export type Op = "create" | "update" | "replace" | "delete" | "same" | "refresh" | "read";

export interface Step {
    urn: string;
    op: Op;
    /** For replace: the properties that force it; for update and refresh: the properties that differ. */
    properties?: string[];
    /** For update and replace: what differs between the old inputs and the new, value by value (`--diff`). */
    changes?: Change[];
    deleteBeforeReplace?: boolean;
}

/** An operation under way when the CLI was killed, as Pulumi's checkpoint keeps it (`pending_operations`). */
export interface PendingOperation {
    urn: string;
    type: "creating" | "updating" | "deleting";
}

export interface RunResult {
    steps: Step[];
    /** What the engine warned of before the run, as the CLI prints it (pending operations of a killed run). */
    warnings: string[];
    outputs: Props;
    /** What the provider sent to the engine's Log RPC during the run. */
    logs: LogEntry[];
    /** What the host process printed on stderr during the run. */
    hostStderr: string;
    /** The first failure, as Pulumi would print it; the run stopped there. */
    error?: string;
    /** How long the run took, and the host process's peak resident memory. */
    ms: number;
    hostPeakRssBytes?: number;
    /**
     * CPU time (user + system, ms) of the run's processes: the host, the program (runs that have one),
     * and this process, the engine stand-in (with an emulator served in it, the emulator's too).
     */
    cpuMs: { host?: number; program?: number; driver: number };
}

export interface DriverOptions {
    /** The compiled program module. */
    program: string;
    project: string;
    stack?: string;
    /** Stack config, keys as `namespace:key` (the engine hands it to the program and to Configure). */
    config?: Record<string, string>;
    /** The program's directory: the host's working directory, where it resolves packages. */
    cwd: string;
    /** Extra environment for the program and the host (the CLI's environment). */
    env?: NodeJS.ProcessEnv;
    /**
     * A new program process for every run, as `pulumi up` starts one (the benchmark's figures); by
     * default a run reuses a process whose last run ended cleanly, with the program loaded afresh.
     */
    freshProgram?: boolean;
    /** Called as each progress message reaches the engine, and as each step completes. */
    onLog?: (entry: LogEntry) => void;
    onStep?: (step: Step) => void;
}

const PROGRAM_RUNNER = path.join(__dirname, "program.js");
/** Inputs that address the Pulumi resource (`__provider`, `__urn`, `__autonamed`), not the user's. */
const hidden = (k: string) => k.startsWith("__");
const visible = (p: Props): Props => Object.fromEntries(Object.entries(p).filter(([k]) => !hidden(k)));

/** Top-level properties whose values differ, the way the CLI lists an update's changes. */
function changedKeys(a: Props, b: Props): string[] {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].filter((k) => !hidden(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/**
 * Whether a same step changed what the checkpoint records of the resource, so that the snapshot
 * manager writes it rather than eliding the write: its inputs, its parent, its dependencies in any
 * order (sameSnapshotMutation.mustWrite, pkg/backend/snapshot.go; the outputs of a same step are the
 * old ones).
 */
function recordChanged(old: StateResource, inputs: Props, reg: Registration): boolean {
    const sorted = (urns: string[]) => [...urns].sort();
    return !isDeepStrictEqual(old.inputs, inputs) || old.parent !== reg.parent || !isDeepStrictEqual(sorted(old.dependencies), sorted(reg.dependencies));
}

export class EngineDriver {
    /** The stack's checkpoint: resources in the order they were created. */
    readonly state = new Map<string, StateResource>();
    /**
     * Operations a killed run left under way; the checkpoint keeps them for the next run to warn of.
     * An interrupted update or delete is dropped by the next run that is not a preview, whether it
     * succeeds or fails (the snapshot manager writes the checkpoint as the run closes, at the latest);
     * an interrupted create is kept by every run after, until `refresh({ clearPendingCreates: true })`
     * (`pulumi refresh --clear-pending-creates`): Pulumi's snapshot carries the base snapshot's pending
     * creates forward, since "these must require user intervention to be cleared or resolved"
     * (Snap and defaultServiceLoop, pkg/backend/snapshot.go).
     */
    pendingOperations: PendingOperation[] = [];
    /**
     * The old halves of create-before-delete replacements not deleted yet: Pulumi's checkpoint keeps
     * them (`delete: true`) until a run deletes them, also when the run that replaced them was killed.
     */
    condemned: StateResource[] = [];
    config: Record<string, string>;
    /** The run under way: its processes (to kill), and the operations it has in flight. */
    private live?: {
        host?: ProviderHost;
        program?: ChildProcess;
        programCpuMs?: number;
        killed: boolean;
        dryRun: boolean;
        /**
         * The snapshot manager has written this run's checkpoint: from then on it, not the one the run
         * started from, holds the pending operations. It writes as a create, update, delete or read
         * begins, and as a same step that changed the resource's record ends; a same step that changed
         * nothing and a refresh step are elided, written only as the run closes, which a killed run
         * never reaches (BeginMutation, sameSnapshotMutation.mustWrite, refreshSnapshotMutation.End,
         * defaultServiceLoop: pkg/backend/snapshot.go).
         */
        checkpointed: boolean;
        inFlight: Map<string, PendingOperation["type"]>;
    };

    constructor(private readonly opts: DriverOptions) {
        this.config = { ...opts.config };
    }

    preview(): Promise<RunResult> {
        return this.deploy(true);
    }

    /**
     * The stack's state as Pulumi's checkpoint holds it (`pulumi stack export`): every secret
     * encrypted — the inputs the program made secret, the outputs that echo them (the engine's
     * annotateSecrets), the outputs named in additionalSecretOutputs — the rest in plain text.
     */
    checkpoint(): StateResource[] {
        return [...this.state.values(), ...this.condemned].map((r) => {
            const inputs = r.secretInputs ?? [];
            const outputs = [...annotateSecrets(r.outputs, r.inputs, inputs), ...(r.secretOutputs ?? []).filter((k) => k in r.outputs).map((k) => [k])];
            return { ...r, inputs: withSecretsEncrypted(r.inputs, inputs), outputs: withSecretsEncrypted(r.outputs, outputs) };
        });
    }

    /** As `pulumi up`: a preview first, which stops the update when it fails (unless skipped, as `--skip-preview`). */
    async up(opts: { skipPreview?: boolean } = {}): Promise<RunResult> {
        if (!opts.skipPreview) {
            const preview = await this.preview();
            if (preview.error) return preview;
        }
        return this.deploy(false);
    }

    /**
     * Read every resource; drop those Azure no longer has, record what drifted. With
     * `clearPendingCreates`, as `pulumi refresh --clear-pending-creates`, the interrupted creates the
     * checkpoint keeps are dropped first, whatever the refresh then meets: the CLI drops them in a
     * state edit of its own before the refresh starts (filterMapPendingCreates,
     * pkg/cmd/pulumi/operations/refresh.go). A refresh run without a terminal keeps them.
     */
    refresh(opts: { clearPendingCreates?: boolean } = {}): Promise<RunResult> {
        if (opts.clearPendingCreates) this.pendingOperations = this.pendingOperations.filter((p) => p.type !== "creating");
        return this.withHost(async (host, steps) => {
            const live = this.live;
            // Refresh steps are elided (refreshSnapshotMutation.End, pkg/backend/snapshot.go): what the
            // reads found reaches the checkpoint as the refresh closes, the base state rebuilt from every
            // step that ended, also when one failed (deploymentExecutor.refresh), and flushed on Close.
            // A killed refresh never closes: the state stays as it started.
            const found: (() => void)[] = [];
            const reads = await Promise.allSettled(
                [...this.state.values()].map(async (r) => {
                    // A component has no provider to read it from: the engine's refresh leaves it as it is.
                    if (r.component) return this.record(steps, { urn: r.urn, op: "same" });
                    const read = await host.read(r.urn, r.id, r.outputs, r.inputs);
                    if (!read.id) {
                        found.push(() => this.state.delete(r.urn));
                        this.record(steps, { urn: r.urn, op: "delete" });
                        return;
                    }
                    const properties = changedKeys(r.outputs, read.outputs);
                    this.record(steps, { urn: r.urn, op: properties.length > 0 ? "refresh" : "same", ...(properties.length ? { properties } : {}) });
                    found.push(() => {
                        r.outputs = read.outputs;
                        if (Object.keys(read.inputs).length > 0) r.inputs = read.inputs;
                        // Pulumi's RefreshStep rebuilds the resource from Read, whose init errors are
                        // empty: a refresh clears the "failed to initialise" mark (pkg/resource/deploy/step.go).
                        r.initErrors = undefined;
                    });
                }),
            );
            if (!live?.killed) for (const apply of found) apply();
            const failed = reads.find((r): r is PromiseRejectedResult => r.status === "rejected");
            if (failed) throw failed.reason;
            return {};
        }, { refresh: true });
    }

    /** Delete everything, dependents first. */
    destroy(): Promise<RunResult> {
        return this.withHost(async (host, steps) => {
            await this.deleteInOrder(host, [...this.state.values()], steps);
            return {};
        });
    }

    /**
     * Kills the run at once, as a CI job's timeout or a cancelled pipeline kills `pulumi up`: the
     * program and the provider host die mid-operation, nothing more reaches the checkpoint, and what
     * was under way is left as pending operations.
     */
    kill(): void {
        if (!this.live || this.live.killed) return;
        this.live.killed = true;
        // A killed preview wrote no checkpoint, nor did a run killed before the snapshot manager first
        // wrote one: the pending operations stay as they were. Otherwise the killed run's checkpoint
        // holds what it had under way, and the interrupted creates of the runs before it.
        if (!this.live.dryRun && this.live.checkpointed) this.pendingOperations = [...this.pendingCreates(), ...[...this.live.inFlight].map(([urn, type]) => ({ urn, type }))];
        this.live.host?.kill();
        this.live.program?.kill("SIGKILL");
    }

    /** Runs a provider operation, known as pending while it is in flight. */
    private async pending<T>(urn: string, type: PendingOperation["type"], call: () => Promise<T>): Promise<T> {
        const live = this.live;
        this.checkpointWritten(); // the step's Begin marks it pending in the checkpoint
        live?.inFlight.set(urn, type);
        try {
            const result = await call();
            // An answer that arrives after the kill reaches no checkpoint: the CLI is gone.
            if (live?.killed) throw new Error("the CLI was killed");
            return result;
        } finally {
            if (!live?.killed) live?.inFlight.delete(urn);
        }
    }

    /** The snapshot manager writes the run's checkpoint now (a step that is not elided). */
    private checkpointWritten(): void {
        if (this.live) this.live.checkpointed = true;
    }

    private record(steps: Step[], step: Step): void {
        steps.push(step);
        this.opts.onStep?.(step);
    }

    /** The interrupted creates the checkpoint carries forward. */
    private pendingCreates(): PendingOperation[] {
        return this.pendingOperations.filter((p) => p.type === "creating");
    }

    /**
     * Runs `body` against a fresh provider host. A preview (`dryRun`) writes no checkpoint, so it
     * leaves the pending operations for the run after it, and the engine warns of them only in a run
     * that is not a preview (deploymentExecutor.Execute, pkg/resource/deploy/deployment_executor.go).
     */
    private async withHost(
        body: (host: ProviderHost, steps: Step[]) => Promise<{ outputs?: Props }>,
        opts: { dryRun?: boolean; refresh?: boolean } = {},
    ): Promise<RunResult> {
        const started = Date.now();
        // Since pulumi/pulumi#9293 the engine warns of a killed run's pending operations and goes on;
        // a refresh, which is how they are cleared, does not.
        const warnings = this.pendingOperations.length === 0 || opts.dryRun || opts.refresh ? [] : [
            `Attempting to deploy or update resources with ${this.pendingOperations.length} pending operations from previous deployment.\n` +
                this.pendingOperations.map((p) => `  * ${p.urn}, interrupted while ${p.type}`).join("\n"),
        ];
        const live = (this.live = { killed: false, dryRun: opts.dryRun === true, checkpointed: false, inFlight: new Map<string, PendingOperation["type"]>() } as NonNullable<EngineDriver["live"]>);
        const host = await ProviderHost.start({ cwd: this.opts.cwd, project: this.opts.project, env: this.opts.env, onLog: this.opts.onLog });
        live.host = host;
        if (live.killed) host.kill(); // killed while the host was starting
        const steps: Step[] = [];
        let error: string | undefined;
        let outputs: Props = {};
        let hostPeakRssBytes: number | undefined;
        let hostCpuMs: number | undefined;
        const driverCpu = process.cpuUsage();
        try {
            await host.configure(this.config);
            outputs = (await body(host, steps)).outputs ?? {};
        } catch (e) {
            error = e instanceof Error ? e.message : String(e);
        } finally {
            hostPeakRssBytes = rssOf(host.pid);
            hostCpuMs = cpuOf(host.pid);
            await host.stop();
            this.live = undefined;
        }
        if (live.killed) {
            // A pending create was never recorded: the next run creates it again. A pending update or
            // delete leaves the resource as it was recorded before.
            error = "the CLI was killed";
        } else if (!opts.dryRun) {
            // A run that is not a preview writes its checkpoint, failed or not: the snapshot manager
            // flushes as it closes (defaultServiceLoop), and Snap keeps only the base's pending creates.
            this.pendingOperations = this.pendingCreates();
        }
        const own = process.cpuUsage(driverCpu);
        const cpuMs = { host: hostCpuMs, program: live.programCpuMs, driver: (own.user + own.system) / 1000 };
        return { steps, warnings, outputs, logs: host.logs, hostStderr: host.stderr.join(""), error, ms: Date.now() - started, hostPeakRssBytes, cpuMs };
    }

    private deploy(preview: boolean): Promise<RunResult> {
        return this.withHost(async (host, steps) => {
            const registered = new Set<string>();
            /** Resources deleted (or, in preview, to be deleted) because a dependency is replaced first. */
            const replacedWithDependency = new Set<string>();
            let failure: string | undefined;

            const step = async (reg: Registration): Promise<{ id: string; state: Props }> => {
                if (failure) throw new Error("skipped: an earlier step failed");
                registered.add(reg.urn);
                try {
                    return await this.register(host, reg, preview, steps, replacedWithDependency);
                } catch (e) {
                    const message = `${reg.urn}: ${e instanceof Error ? e.message : String(e)}`;
                    failure ??= message;
                    throw new Error(message);
                }
            };
            let outputs: Props = {};
            try {
                outputs = await this.runProgram(preview, step);
            } catch (e) {
                throw failure ? new Error(failure) : e;
            }
            if (failure) throw new Error(failure);
            if (!preview) {
                const gone = [...this.state.values()].filter((r) => !registered.has(r.urn));
                await this.deleteInOrder(host, [...this.condemned, ...gone], steps);
            } else {
                for (const r of this.state.values()) if (!registered.has(r.urn)) this.record(steps, { urn: r.urn, op: "delete" });
            }
            return { outputs };
        }, { dryRun: preview });
    }

    private async register(
        host: ProviderHost,
        reg: Registration,
        preview: boolean,
        steps: Step[],
        replacedWithDependency: Set<string>,
    ): Promise<{ id: string; state: Props }> {
        if (reg.readId !== undefined) return this.readExisting(host, reg, preview, steps);
        if (!reg.custom) return this.component(reg, preview, steps);
        const previous = this.state.get(reg.urn);
        // A resource the stack only read becomes one it manages: created, and nothing deleted in Azure.
        const old = replacedWithDependency.has(reg.urn) || previous?.external ? undefined : previous;
        const checked = await this.check(host, reg.urn, old?.inputs ?? {}, reg.inputs);
        // As the engine's Check does, the checked inputs keep the secret bit of the program's.
        const secrets = (inputs: Props) => ({ secretInputs: annotateSecrets(inputs, reg.inputs, reg.secretPaths ?? []), secretOutputs: reg.additionalSecretOutputs ?? [] });
        const save = (inputs: Props) => (id: string, outputs: Props, initErrors?: string[]) =>
            this.state.set(reg.urn, { urn: reg.urn, type: reg.type, id, inputs, outputs, parent: reg.parent, dependencies: reg.dependencies, propertyDependencies: reg.propertyDependencies, initErrors, ...secrets(inputs) });
        // A step is announced once it has happened (in preview: once it is planned).
        const done = (step: Omit<Step, "urn">, id: string, state: Props) => {
            this.record(steps, { urn: reg.urn, ...step });
            return { id, state };
        };

        if (!old) {
            const op = replacedWithDependency.has(reg.urn) ? "replace" : "create";
            if (preview) return done({ op }, "", checked);
            const created = await this.create(host, reg.urn, checked, save(checked));
            return done({ op }, created.id, created.outputs);
        }

        const diff: DiffResult = await host.diff(reg.urn, old.id, old.outputs, checked, old.inputs);
        // As the engine does: a resource that failed to initialize is updated even without changes.
        if (diff.changes === "none" && old.initErrors?.length) diff.changes = "some";
        if (diff.changes === "none") {
            if (!preview) {
                if (recordChanged(old, checked, reg)) this.checkpointWritten();
                save(checked)(old.id, old.outputs);
            }
            return done({ op: "same" }, old.id, old.outputs);
        }
        if (diff.replaces.length === 0) {
            const step = { op: "update" as const, properties: changedKeys(old.inputs, checked), changes: jsonChanges(visible(old.inputs), visible(checked)) };
            if (preview) return done(step, old.id, checked);
            const outputs = await this.recording(this.pending(reg.urn, "updating", () => host.update(reg.urn, old.id, old.outputs, checked, old.inputs)), checked, (id, o, e) => save(checked)(id || old.id, o, e));
            save(checked)(old.id, outputs);
            return done(step, old.id, outputs);
        }

        // A replacement: the new resource is checked afresh, as for a create (a new auto-name).
        const fresh = await this.check(host, reg.urn, {}, reg.inputs);
        const step = { op: "replace" as const, properties: diff.replaces, deleteBeforeReplace: diff.deleteBeforeReplace, changes: jsonChanges(visible(old.inputs), visible(fresh)) };
        if (diff.deleteBeforeReplace) await this.deleteForReplacement(host, old, preview, steps, replacedWithDependency);
        if (preview) return done(step, "", fresh);
        const created = await this.create(host, reg.urn, fresh, save(fresh));
        if (!diff.deleteBeforeReplace) this.condemned.push(old);
        return done(step, created.id, created.outputs);
    }

    /**
     * A component resource (`pulumi.ComponentResource`): the engine plans it as any resource (a
     * create, then the same; its props, empty for a component written in the program, compared)
     * but calls no provider, and answers with its props and no id.
     */
    private component(reg: Registration, preview: boolean, steps: Step[]): { id: string; state: Props } {
        const previous = this.state.get(reg.urn);
        const op: Op = !previous ? "create" : JSON.stringify(previous.inputs) === JSON.stringify(reg.inputs) ? "same" : "update";
        if (!preview) {
            if (!previous || op !== "same" || recordChanged(previous, reg.inputs, reg)) this.checkpointWritten();
            this.state.set(reg.urn, { urn: reg.urn, type: reg.type, id: "", inputs: reg.inputs, outputs: reg.inputs, parent: reg.parent, dependencies: reg.dependencies, propertyDependencies: reg.propertyDependencies, component: true });
        }
        this.record(steps, { urn: reg.urn, op });
        return { id: "", state: reg.inputs };
    }

    /**
     * `X.get(name, id)`: as the engine's ReadStep, Read with the program's props as inputs and state,
     * also in preview (unless the id is unknown), no Check; a read that finds nothing is an error
     * ("resource '<id>' does not exist"). The resource is kept as external.
     */
    private async readExisting(host: ProviderHost, reg: Registration, preview: boolean, steps: Step[]): Promise<{ id: string; state: Props }> {
        const id = String(reg.readId);
        const done = (outputs: Props, readId: string) => {
            this.record(steps, { urn: reg.urn, op: "read" });
            return { id: readId, state: outputs };
        };
        if (id === UNKNOWN) return done({}, id);
        if (!preview) this.checkpointWritten(); // the read step's Begin marks it pending (doRead)
        const read = await host.read(reg.urn, id, reg.inputs, reg.inputs);
        if (!read.id) throw new Error(`resource '${id}' does not exist`);
        if (!preview) {
            this.state.set(reg.urn, {
                urn: reg.urn,
                type: reg.type,
                id: read.id,
                inputs: reg.inputs,
                outputs: read.outputs,
                parent: reg.parent,
                dependencies: reg.dependencies,
                propertyDependencies: {},
                external: true,
                secretInputs: reg.secretPaths ?? [],
                secretOutputs: reg.additionalSecretOutputs ?? [],
            });
        }
        return done(read.outputs, read.id);
    }

    private async check(host: ProviderHost, urn: string, olds: Props, news: Props): Promise<Props> {
        const { inputs, failures } = await host.check(urn, olds, news);
        if (failures.length > 0) throw new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
        return inputs;
    }

    /** Create; a resource Azure accepted but then failed is still recorded, as the engine does. */
    private async create(host: ProviderHost, urn: string, inputs: Props, save: (id: string, outputs: Props, initErrors?: string[]) => void): Promise<{ id: string; outputs: Props }> {
        const created = await this.recording(this.pending(urn, "creating", () => host.create(urn, inputs)), inputs, save);
        save(created.id, created.outputs);
        return created;
    }

    /** A failed Create/Update that reports the resource as it now is: record it with its init errors. */
    private async recording<T>(call: Promise<T>, inputs: Props, save: (id: string, outputs: Props, initErrors: string[]) => void): Promise<T> {
        try {
            return await call;
        } catch (e) {
            if (e instanceof HostError && e.partial?.id) save(e.partial.id, { ...e.partial.properties, __provider: inputs.__provider }, [e.message]);
            throw e;
        }
    }

    /** Delete-before-replace: first the dependents that must be replaced with it, then the resource. */
    private async deleteForReplacement(host: ProviderHost, old: StateResource, preview: boolean, steps: Step[], replaced: Set<string>): Promise<void> {
        for (const d of [...this.state.values()].filter((r) => r.dependencies.includes(old.urn) && !replaced.has(r.urn))) {
            const news: Props = { ...d.inputs };
            for (const [prop, urns] of Object.entries(d.propertyDependencies)) if (urns.includes(old.urn)) news[prop] = UNKNOWN;
            const diff = await host.diff(d.urn, d.id, d.outputs, news, d.inputs);
            if (diff.changes === "some" && diff.replaces.length > 0) {
                replaced.add(d.urn);
                await this.deleteForReplacement(host, d, preview, steps, replaced);
            }
        }
        if (preview) return;
        await this.pending(old.urn, "deleting", () => host.delete(old.urn, old.id, old.outputs));
        this.record(steps, { urn: old.urn, op: "delete" });
        if (this.state.get(old.urn) === old) this.state.delete(old.urn);
    }

    /** Deletes in waves: a resource goes once nothing left in the set depends on it or is its child. */
    private async deleteInOrder(host: ProviderHost, doomed: StateResource[], steps: Step[]): Promise<void> {
        let left = [...doomed];
        while (left.length > 0) {
            const wave = left.filter((r) => !left.some((o) => o !== r && (o.dependencies.includes(r.urn) || o.parent === r.urn)));
            if (wave.length === 0) throw new Error(`dependency cycle among ${left.map((r) => r.urn).join(", ")}`);
            await Promise.all(
                wave.map(async (r) => {
                    // The engine's DeleteStep of an external resource, or of a component, only drops it from state
                    // (its Begin still writes the checkpoint).
                    if (!r.external && !r.component) await this.pending(r.urn, "deleting", () => host.delete(r.urn, r.id, r.outputs));
                    else this.checkpointWritten();
                    this.record(steps, { urn: r.urn, op: "delete" });
                    if (this.state.get(r.urn) === r) this.state.delete(r.urn);
                    this.condemned = this.condemned.filter((c) => c !== r);
                }),
            );
            left = left.filter((r) => !wave.includes(r));
        }
    }

    /** Runs the program; each registration is answered by `step`. Resolves with the stack outputs. */
    private runProgram(preview: boolean, step: (reg: Registration) => Promise<{ id: string; state: Props }>): Promise<Props> {
        const env: NodeJS.ProcessEnv = {
            ...process.env,
            ...this.opts.env,
            PROGRAM: this.opts.program,
            PULUMI_PROJECT: this.opts.project,
            PULUMI_STACK: this.opts.stack ?? "dev",
            PULUMI_PREVIEW: String(preview),
            PULUMI_CONFIG: JSON.stringify(this.config),
        };
        const child = this.opts.freshProgram ? startProgramProcess(this.opts.cwd, env) : programProcesses.take(this.opts.cwd, env);
        const live = this.live;
        if (live) live.program = child;
        if (live?.killed) child.kill("SIGKILL");
        let clean = false;
        /** A registration the engine refused: the run failed, whatever the program did with the error. */
        let refused = false;
        return new Promise<Props>((resolve, reject) => {
            const ended = (outcome: () => void) => {
                child.off("message", onMessage);
                child.off("exit", onExit);
                outcome();
            };
            const onMessage = (m: ToDriver) => {
                if (m.kind === "register") {
                    const seq = m.registration.seq;
                    step(m.registration).then(
                        (r) => child.connected && child.send({ kind: "answer", seq, ok: true, ...r } satisfies ToProgram),
                        (e: Error) => {
                            refused = true;
                            return child.connected && child.send({ kind: "answer", seq, ok: false, message: e.message } satisfies ToProgram);
                        },
                    );
                    return;
                }
                if (live) live.programCpuMs = m.cpuMs;
                if (m.kind === "crashed") return ended(() => reject(new Error(`the program failed: ${m.message}`)));
                clean = true;
                ended(() => resolve(m.outputs));
            };
            const onExit = (code: number | null) => ended(() => reject(new Error(`the program exited with ${code}`)));
            child.on("message", onMessage);
            child.on("exit", onExit);
            child.send({ kind: "run", env } satisfies ToProgram);
        }).finally(() => {
            // A run that failed may leave registrations and promises behind in its process: only a
            // process whose run ended cleanly runs another program; any other is ended.
            if (clean && !refused && !live?.killed && !this.opts.freshProgram) {
                // No longer this run's: a kill later in the run (during the deletes at its end) must
                // not reach a process another run may be using.
                if (live?.program === child) live.program = undefined;
                programProcesses.give(child, this.opts.cwd, env);
            } else child.kill("SIGKILL");
        });
    }
}

/** A program runner process (program.ts), started with the environment of its first run. */
function startProgramProcess(cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
    const child = fork(PROGRAM_RUNNER, [], { cwd, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("error", () => undefined); // an answer sent as the program is killed (EPIPE)
    return child;
}

/**
 * Program runner processes between runs, by what a process fixes when it starts: its directory, the
 * @pulumi/pulumi the program loads, and the variables Node.js reads only then. A `pulumi up` starts
 * the program afresh; here a run reuses a process whose last run ended cleanly, which saves loading
 * the runtime (most of a program's CPU time), while the program and everything it loads from outside
 * node_modules are loaded afresh for each run (program.ts).
 */
class ProgramProcesses {
    private readonly idle = new Map<string, ChildProcess[]>();

    private static key(cwd: string, env: NodeJS.ProcessEnv): string {
        const runtime = require.resolve("@pulumi/pulumi", { paths: [path.dirname(String(env.PROGRAM))] });
        return JSON.stringify([cwd, runtime, env.NODE_EXTRA_CA_CERTS, env.NODE_OPTIONS]);
    }

    take(cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
        const waiting = this.idle.get(ProgramProcesses.key(cwd, env)) ?? [];
        for (let child = waiting.pop(); child; child = waiting.pop()) {
            if (!child.connected) continue;
            holding(child, true);
            return child;
        }
        return startProgramProcess(cwd, env);
    }

    /** Keeps `child` for a later run. */
    give(child: ChildProcess, cwd: string, env: NodeJS.ProcessEnv): void {
        if (!child.connected) return;
        const key = ProgramProcesses.key(cwd, env);
        this.idle.set(key, [...(this.idle.get(key) ?? []), child]);
        // An idle process keeps neither the tests nor a script that drives stacks from ending.
        holding(child, false);
    }
}

/** Whether `child` and its IPC channel keep this process running. */
function holding(child: ChildProcess, on: boolean): void {
    const channel = child.channel as { ref?(): void; unref?(): void } | undefined;
    if (on) {
        child.ref();
        channel?.ref?.();
    } else {
        child.unref();
        channel?.unref?.();
    }
}

const programProcesses = new ProgramProcesses();

/** CPU time (user + system, ms) a running process has used, from /proc (Linux), for the benchmark. */
function cpuOf(pid: number | undefined): number | undefined {
    if (!pid) return undefined;
    try {
        // Fields after the parenthesized command name; utime and stime are the 14th and 15th fields, in clock ticks.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node runs on
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
        return undefined;
    }
}

/** Peak resident memory of a process, from /proc (Linux), for the benchmark. */
function rssOf(pid: number | undefined): number | undefined {
    if (!pid) return undefined;
    try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
        return kb ? Number(kb) * 1024 : undefined;
    } catch {
        return undefined;
    }
}
