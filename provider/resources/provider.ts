/**
 * The provider object Pulumi serializes into every resource's state (`__provider`, in its inputs
 * and again in its outputs). Pulumi's closure serialization (@pulumi/pulumi runtime/closure) writes
 * each distinct function out whole, in a wrapper of its own of some 200 bytes, and every value the
 * functions capture beside them. So the seven methods share two functions, which capture nothing and
 * hand their arguments to the package's stable `runtime` export; it tells the calls apart, and the
 * kind from the resource's URN (runtime.ts `shim`). The text stays under 1 KB, the same for every
 * kind, and holds no code, client or credential by value.
 *
 * One object for every kind: Pulumi caches the serialized text per provider object, and the host
 * loads and configures each distinct text once. State written with the earlier form (one function a
 * method, calling `providers[kind]` and `configure`) keeps working: the runtime still exports what
 * that text calls, and the next up records this form.
 */
import type * as pulumi from "@pulumi/pulumi";

function shim(): pulumi.dynamic.ResourceProvider {
    // The calls that change nothing in Azure, and those that do (runtime.ts `shim` tells each group's apart).
    const look = (...a: unknown[]) => require("pulumi-azure-compute-gallery/runtime").shim(0, a);
    const change = (...a: unknown[]) => require("pulumi-azure-compute-gallery/runtime").shim(1, a);
    return { configure: look, check: look, diff: look, read: look, create: change, update: change, delete: change };
}

export const provider = shim();
