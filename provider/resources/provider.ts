/**
 * The provider objects Pulumi serializes into every resource's state (`__provider`, in its inputs
 * and again in its outputs). Pulumi's closure serialization (@pulumi/pulumi runtime/closure) writes
 * each distinct function out whole, in a wrapper of its own of some 200 bytes, and a value shared by
 * several methods once. So the seven methods share two functions, each of which hands its arguments
 * to the package's stable `runtime` export, which tells the calls apart (runtime.ts `shim`): the text
 * stays under 1 KB and holds no code, client or credential by value.
 *
 * One instance per kind: Pulumi caches the serialized text per provider object. State written with
 * the earlier form (one function a method, calling `providers[kind]` and `configure`) keeps working:
 * the runtime still exports what that text calls, and the next up records this form.
 */
import type * as pulumi from "@pulumi/pulumi";
import { KIND_NAMES, KindName } from "../schema/kinds";

function shim(k: KindName): pulumi.dynamic.ResourceProvider {
    // The calls that change nothing in Azure, and those that do (runtime.ts `shim` says how each group's are told apart).
    const look = (...a: unknown[]) => require("pulumi-azure-compute-gallery/runtime").shim(k, 0, a);
    const change = (...a: unknown[]) => require("pulumi-azure-compute-gallery/runtime").shim(k, 1, a);
    return { configure: look, check: look, diff: look, read: look, create: change, update: change, delete: change };
}

export const providers = Object.fromEntries(KIND_NAMES.map((k) => [k, shim(k)])) as Record<KindName, pulumi.dynamic.ResourceProvider>;
