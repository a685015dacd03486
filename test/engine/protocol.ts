/** What the program runner (program.ts) and the engine driver (driver.ts) say to each other over IPC. */

/** The engine's marker for a value not known until apply. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Where a value lies in a resource's properties: member names, and indexes in lists. */
export type SecretPath = (string | number)[];

export interface Registration {
    seq: number;
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    /** False for a component resource: the engine records it and asks no provider about it. */
    custom: boolean;
    /** The parent's URN (the stack's when the program gave none). */
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Set for `X.get(name, id)` (a resource with `opts.id`): the engine reads the resource with this id (ReadResource). */
    readId?: string;
    /** The values the program sent as secrets, however deep (the registration's serialized properties say so). */
    secretPaths: SecretPath[];
    /** The resource option `additionalSecretOutputs`: top-level outputs the engine keeps secret. */
    additionalSecretOutputs: string[];
}

/**
 * `done` carries the stack outputs; `done` and `crashed` the CPU time the program's process used
 * since its last run ended (for its first run, since it started), for the benchmark.
 */
export type ToDriver =
    | { kind: "register"; registration: Registration }
    | { kind: "done"; outputs: Record<string, unknown>; cpuMs: number }
    | { kind: "crashed"; message: string; cpuMs: number };
/** The engine's answer to a registration. */
export type Answer = { kind: "answer"; seq: number; ok: true; id: string; state: Record<string, unknown> } | { kind: "answer"; seq: number; ok: false; message: string };
/** Start a run of the program with this environment. */
export type ToProgram = Answer | { kind: "run"; env: NodeJS.ProcessEnv };
