import * as pulumi from "@pulumi/pulumi";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ProvisioningState, ReadOptions, Resolved, TimeoutsArgs } from "./types";

/** Spec (GalleryScriptProperties): nested under `properties`, as the SDK's GalleryScript model has them. */
export interface GalleryScriptPropertiesArgs {
    /** Fixed at create. */
    supportedOSType: pulumi.Input<"Windows" | "Linux">;
    description?: pulumi.Input<string>;
    eula?: pulumi.Input<string>;
    /** Left out later, Azure keeps the current one. */
    privacyStatementUri?: pulumi.Input<string>;
    /** Left out later, Azure keeps the current one. */
    releaseNoteUri?: pulumi.Input<string>;
    /** RFC 3339; must be in the future. Left out later, the current date stays. */
    endOfLifeDate?: pulumi.Input<string>;
}

export interface GalleryScriptArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    /** Letters and digits with single underscores between them; generated from the resource name when omitted. */
    galleryScriptName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    properties: pulumi.Input<GalleryScriptPropertiesArgs>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** The properties as Azure reports them, with its provisioning state (read-only). */
export interface GalleryScriptProperties extends Resolved<GalleryScriptPropertiesArgs> {
    provisioningState?: ProvisioningState;
}

/** A script definition in a gallery: the versions of one script live under it. */
export class GalleryScript extends GalleryResource {
    /**
     * Reads an existing script definition by its ARM id (`…/galleries/{gallery}/scripts/{name}`), as
     * azure-native's `GalleryScript.get` does. The stack only reads it: `up` and `destroy` leave it alone.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryScript {
        return new GalleryScript(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryScriptArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryScript.get` does: no arguments, `opts.id` the ARM id of the script to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryScriptArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryScript", name, args, opts);
    }
}

/** Every input as Azure has it, and its provisioning state (spec: GalleryScript). */
export interface GalleryScript extends InputsAsOutputs<GalleryScriptArgs, "galleryScriptName" | "subscriptionId"> {
    readonly properties: pulumi.Output<GalleryScriptProperties>;
}
