/**
 * What the serialized provider loads inside Pulumi's dynamic-provider host, by package name. The
 * provider objects stored in state are tiny shims that call into this module, so state stays small,
 * a new release of this package needs no state migration, and nothing is captured by value.
 */
import type * as pulumi from "@pulumi/pulumi";
import { useStackConfig } from "./config";
import { adapters } from "./kinds";
import type { KindAdapter } from "./lifecycle/contract";
import { create, read, remove, update } from "./lifecycle/apply";
import { check, diffResource } from "./lifecycle/preview";
import { redact, redactError, rememberSecrets } from "./redaction";
import { KIND_NAMES, KindName, typeToken } from "./schema/kinds";
import { Inputs } from "./schema/types";

/**
 * One call, with the credentials of its inputs known beforehand (redaction.ts), so that nothing it
 * says, and no error it throws (the host prints the stack), repeats them.
 */
async function guarded<T>(kind: KindAdapter, inputs: (Inputs | undefined)[], call: () => Promise<T>): Promise<T> {
    rememberSecrets(kind.spec, ...inputs);
    try {
        return await call();
    } catch (e) {
        throw redactError(e);
    }
}

/** Every method of a dynamic provider but configure, which is one for all kinds. */
type Methods = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

function implementation(kind: KindAdapter): Methods {
    return {
        check: (olds: Inputs, news: Inputs) =>
            guarded(kind, [olds, news], async () => {
                const r = await check(kind, olds, news);
                return { ...r, failures: r.failures.map((f) => ({ property: f.property, reason: redact(f.reason) })) };
            }),
        diff: (_id: string, olds: Inputs, news: Inputs) => guarded(kind, [olds, news], () => diffResource(kind, olds, news)),
        create: (inputs: Inputs) => guarded(kind, [inputs], () => create(kind, inputs)),
        read: (id: string, props: Inputs) => guarded(kind, [props], () => read(kind, id, props)),
        update: (_id: string, olds: Inputs, news: Inputs) => guarded(kind, [olds, news], () => update(kind, olds, news)),
        delete: (_id: string, props: Inputs) => guarded(kind, [props], () => remove(kind, props)),
    };
}

export const providers = Object.fromEntries(KIND_NAMES.map((k) => [k, implementation(adapters[k])])) as Record<KindName, Methods>;

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    useStackConfig((key) => req.config.get(key));
}

/**
 * The kind a call is about, from the URN every resource registers (`__urn`, in the inputs and the
 * outputs the host passes): the last type in it, which is the kind's type token.
 */
function kindOf(props: unknown): KindName {
    const urn = typeof props === "object" && props !== null ? (props as Inputs).__urn : undefined;
    const type = typeof urn === "string" ? urn.split("::")[2]?.split("$").pop() : undefined;
    const kind = KIND_NAMES.find((k) => typeToken(k) === type);
    if (!kind) throw new Error(`pulumi-azure-compute-gallery cannot tell which kind of resource this call is about: its properties carry no __urn of a gallery resource (${String(urn)})`);
    return kind;
}

/**
 * What the shim stored in state calls (resources/provider.ts): the seven methods share two
 * functions, and the host calls each method with its own arguments (@pulumi/pulumi
 * cmd/dynamic-provider, as pulumi.dynamic.ResourceProvider declares them), which tell them apart:
 * group 0, the calls that change nothing in Azure: configure(req), check(olds, news), read(id, props),
 * diff(id, olds, news); group 1, those that do: create(inputs), delete(id, props), update(id, olds, news).
 * The last argument is always the resource's properties, whose URN names the kind.
 */
export async function shim(group: 0 | 1, args: unknown[]): Promise<unknown> {
    const [a, b, c] = args;
    if (group === 0 && args.length === 1) return configure(a as pulumi.dynamic.ConfigureRequest);
    const p = providers[kindOf(args[args.length - 1])];
    if (group === 0) {
        if (args.length === 2) return typeof a === "string" ? p.read(a, b) : p.check(a, b);
        return p.diff(String(a), b, c);
    }
    if (args.length === 1) return p.create(a);
    if (args.length === 2) return p.delete(String(a), b);
    return p.update(String(a), b, c);
}
