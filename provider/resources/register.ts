/**
 * What every gallery resource class is (`GalleryResource`) and does on construction: its secrets,
 * its URN for progress, then registration, without the promise stack traces Pulumi prints only when
 * asked for them.
 */
import * as pulumi from "@pulumi/pulumi";
import { reportedProperties } from "../schema/engine";
import { KINDS, KindName, MODULE, typeToken } from "../schema/kinds";
import { provider } from "./provider";

/** What registering a resource of each kind needs of its field table, worked out once per kind. */
const registration = new Map<KindName, { secretPaths: string[]; declared: string[] }>();

function registrationOf(kind: KindName): { secretPaths: string[]; declared: string[] } {
    let r = registration.get(kind);
    if (!r) {
        r = { secretPaths: KINDS[kind].fields.filter((f) => f.secret !== undefined).map((f) => f.path), declared: reportedProperties(KINDS[kind]) };
        registration.set(kind, r);
    }
    return r;
}

/** The dotted paths of the kind's fields whose values hold a credential (`secret`), outside lists. */
function secretPaths(kind: KindName): string[] {
    return registrationOf(kind).secretPaths;
}

/** A value the program wrote as is, whose members can be reached now (not an output or a promise). */
function plain(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !pulumi.Output.isInstance(v) && typeof (v as { then?: unknown }).then !== "function";
}

/**
 * `args` with the value at `path` a secret, however the program wrote it: the objects on the way are
 * copied (the program's own are left alone); where one is an output or a promise, whose members
 * cannot be reached yet, that whole value is made secret.
 */
function withSecret(args: Record<string, unknown>, path: string[]): Record<string, unknown> {
    const [head, ...rest] = path;
    const v = args[head];
    if (v === undefined || v === null) return args;
    if (rest.length === 0 || !plain(v)) return { ...args, [head]: pulumi.secret(v) };
    return { ...args, [head]: withSecret(v, rest) };
}

/**
 * The program's args with every credential a secret (a SAS token in an application's source link),
 * whether or not the program marked it: Pulumi keeps a secret input, and the echo of it in the
 * outputs, encrypted in state (the engine copies the secret bit from inputs to outputs member by
 * member, since a dynamic provider takes no secrets itself).
 */
function secretArgs(kind: KindName, args: object | undefined): pulumi.Inputs {
    let out: Record<string, unknown> = { ...args };
    for (const p of secretPaths(kind)) out = withSecret(out, p.split("."));
    return out;
}

/**
 * A parent's URN as a value with no resource behind it. The parent's own `urn` output carries the
 * parent as a dependency, and the SDK takes a dependency on a component to mean one on each of its
 * children (runtime/dependsOn.ts): every child of a component would then wait for its siblings'
 * registration, and they for it.
 */
function urnOf(parent: pulumi.Resource): pulumi.Output<string> {
    return pulumi.output(new Promise<string>((resolve) => parent.urn.apply(resolve)));
}

function registrationProps(kind: KindName, name: string, args: object | undefined, opts?: pulumi.CustomResourceOptions): pulumi.Inputs {
    const props: pulumi.Inputs = secretArgs(kind, args);
    // Pulumi gives a dynamic resource an output only for the props it registers: every input and
    // every value Azure reports is declared, set or not.
    for (const o of registrationOf(kind).declared) if (!(o in props)) props[o] = undefined;
    // The provider learns its own URN this way, to attach progress messages to the right row (and its
    // kind: runtime.ts). Without a parent it is known now (pulumi.createUrn's own form for a resource
    // under the stack), and a text costs the program less than an output; under a component, from the
    // parent's URN value alone, since a dependency on a component waits for all its children.
    const type = typeToken(kind);
    // A parent that is not a resource is Pulumi's to refuse, with its own message, in the constructor.
    props.__urn = opts?.parent && pulumi.Resource.isInstance(opts.parent) ? pulumi.createUrn(name, type, urnOf(opts.parent)) : `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`;
    return props;
}

/**
 * The arguments of `pulumi.dynamic.Resource` for a gallery resource: the shared provider, its
 * props, its type. No args and an `opts.id` read an existing resource (the engine calls Read).
 */
function dynamicResourceArgs(
    kind: KindName,
    name: string,
    args: object | undefined,
    opts?: pulumi.CustomResourceOptions,
): [pulumi.dynamic.ResourceProvider, string, pulumi.Inputs, pulumi.CustomResourceOptions | undefined, string, string] {
    // A resource read by its id (`X.get`) has no inputs to take the secret bit from: the outputs that
    // hold a credential are secret as a whole.
    const reading = args === undefined && secretPaths(kind).length > 0;
    const options = reading ? { ...opts, additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretPaths(kind).map((p) => p.split(".")[0])])] } : opts;
    return [provider, name, registrationProps(kind, name, args, opts), options, MODULE, KINDS[kind].kind];
}

/**
 * Pulumi's runtime records a stack trace for every promise of a resource's outputs (four an output,
 * runtime/debuggable.ts), shown only when PULUMI_DEBUG_PROMISE_LEAKS is set; at some 20 outputs a
 * resource, capturing them is most of what registering one costs. They are captured while a gallery
 * resource registers only when that variable asks for them.
 */
const promiseStacks = Boolean(process.env.PULUMI_DEBUG_PROMISE_LEAKS);

/** Whether a stack trace has frames: one taken while `Error.stackTraceLimit` is 0 has its first line alone. */
const hasFrames = (stack: string | undefined) => /\n\s+at /.test(stack ?? "");

/**
 * Whether Pulumi's Resource constructor runs program code for this resource: transformations, its
 * own, then its parent's or (without one) the stack's (resource.ts). Their errors and any stack trace
 * they take keep the program's limit. `__transformations` is internal to the runtime (not in its
 * typings): the transformations a resource hands its children.
 */
function runsTransformations(opts: pulumi.CustomResourceOptions | undefined): boolean {
    const inherited = (opts?.parent ?? pulumi.runtime.getStackResource()) as { __transformations?: unknown[] } | undefined;
    return (opts?.transformations?.length ?? 0) > 0 || (inherited?.__transformations?.length ?? 0) > 0;
}

/**
 * The runtime makes the error it reports when the engine refuses a registration or a read inside the
 * constructor (preallocError, runtime/resource.ts), for its stack to lead to the program; made while
 * the limit is 0, it has no frames. When the resource's URN fails with such an error, it gets those
 * of `site`, where the program made the resource, before anything reports it (a rejection nothing
 * handles is reported once the current promise jobs have run). `Output.promise()` is internal to the
 * runtime (not in its typings).
 */
function onFailureShow(res: pulumi.Resource, site: Error): void {
    const urn = res.urn as unknown as { promise?: () => Promise<unknown> };
    urn.promise?.().catch((e: unknown) => {
        // A program that set its own limit to 0 gets no frames here either.
        if (e instanceof Error && !hasFrames(e.stack) && site.stack && hasFrames(site.stack)) e.stack = `${e.stack ?? String(e)}${site.stack.slice(site.stack.indexOf("\n"))}`;
    });
}

/** What every gallery resource class is: a dynamic resource of one kind, with the shared provider. */
export abstract class GalleryResource extends pulumi.dynamic.Resource {
    protected constructor(kind: KindName, name: string, args: object | undefined, opts?: pulumi.CustomResourceOptions) {
        const limit = Error.stackTraceLimit;
        const quiet = !promiseStacks && !runsTransformations(opts);
        if (quiet) Error.stackTraceLimit = 0;
        try {
            super(...dynamicResourceArgs(kind, name, args, opts));
        } catch (e) {
            // An error the registration threw (a bad option, say) shows where the program made the resource.
            Error.stackTraceLimit = limit;
            if (e instanceof Error && !hasFrames(e.stack)) Error.captureStackTrace(e);
            throw e;
        } finally {
            Error.stackTraceLimit = limit;
        }
        // One stack trace a resource, at the program's limit, formatted only if the engine refuses it.
        if (quiet) onFailureShow(this, new Error());
    }
}
