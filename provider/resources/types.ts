/**
 * Types the three resource classes share: how an input's shape becomes the output's, and the
 * values every gallery resource has in common.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * An input's value once Pulumi has resolved it: the same shape with no `pulumi.Input` (value,
 * promise or output) anywhere inside, as `pulumi.Unwrap` does for plain data.
 */
export type Resolved<T> = T extends pulumi.OutputInstance<infer U>
    ? Resolved<U>
    : T extends Promise<infer U>
      ? Resolved<U>
      : T extends readonly (infer E)[]
        ? Resolved<E>[]
        : T extends object
          ? { [K in keyof T]: Resolved<T[K]> }
          : T;

/**
 * Each input of a resource as an output of the same name, holding the value Azure reports (with
 * what it filled in). An input left out resolves to `undefined` unless Azure always reports it:
 * `FilledIn` names those (a generated name, the subscription, a value Azure defaults); in a preview
 * they are unknown. Inside an object the program gave, what Azure fills in stays optional: Pulumi
 * previews a dynamic resource with its inputs as its outputs (a provider without previews), so
 * there the object holds only the program's values.
 */
export type InputsAsOutputs<Args, FilledIn extends keyof Args = never> = {
    readonly [K in keyof Args]-?: pulumi.Output<K extends FilledIn ? Resolved<NonNullable<Args[K]>> : Resolved<Args[K]>>;
};

/** What `X.get(name, id)` passes to the constructor: no arguments, and the ARM id of the resource to read. */
export type ReadOptions = pulumi.CustomResourceOptions & { id: pulumi.Input<pulumi.ID> };

/** Spec (GalleryProvisioningState): the state of Azure's last operation on the resource. */
export type ProvisioningState = "Creating" | "Updating" | "Failed" | "Succeeded" | "Deleting" | "Migrating";

export type StorageAccountType = "Standard_LRS" | "Standard_ZRS" | "Premium_LRS" | "PremiumV2_LRS";

/**
 * How long an up waits for Azure, per operation, written as Pulumi's customTimeouts are ("90m",
 * "1h30m"; defaults 3h, 3h, 1h). At the limit Azure goes on, the resource is kept in state, and the
 * next up waits for it again without sending it.
 */
export interface TimeoutsArgs {
    create?: pulumi.Input<string>;
    update?: pulumi.Input<string>;
    delete?: pulumi.Input<string>;
}
