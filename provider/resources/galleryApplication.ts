import * as pulumi from "@pulumi/pulumi";
import { GalleryResource } from "./register";
import { InputsAsOutputs, ReadOptions, TimeoutsArgs } from "./types";

/** Spec (GalleryApplicationCustomActionParameter). */
export interface GalleryApplicationCustomActionParameterArgs {
    name: pulumi.Input<string>;
    required?: pulumi.Input<boolean>;
    type?: pulumi.Input<"String" | "ConfigurationDataBlob" | "LogOutputBlob">;
    /** The parameter's own default; only for String parameters. */
    defaultValue?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
}

/** Spec (GalleryApplicationCustomAction): a custom action, its name unique in the list; all change in place. */
export interface GalleryApplicationCustomActionArgs {
    name: pulumi.Input<string>;
    script: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    /** Keyed by name. */
    parameters?: pulumi.Input<pulumi.Input<GalleryApplicationCustomActionParameterArgs>[]>;
}

export interface GalleryApplicationArgs {
    resourceGroupName: pulumi.Input<string>;
    galleryName: pulumi.Input<string>;
    /** Up to 117 letters, digits, `-`, `.` and `_`, not ending with a period; generated from the resource name when omitted. */
    galleryApplicationName?: pulumi.Input<string>;
    location: pulumi.Input<string>;
    /** Fixed at create. */
    supportedOSType: pulumi.Input<"Windows" | "Linux">;
    description?: pulumi.Input<string>;
    eula?: pulumi.Input<string>;
    /** Left out later, Azure keeps the current one. */
    privacyStatementUri?: pulumi.Input<string>;
    /** Left out later, Azure keeps the current one. */
    releaseNoteUri?: pulumi.Input<string>;
    /** RFC 3339; must be in the future. For reference only (Azure does not enforce it); left out later, the current date stays. */
    endOfLifeDate?: pulumi.Input<string>;
    customActions?: pulumi.Input<pulumi.Input<GalleryApplicationCustomActionArgs>[]>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    subscriptionId?: pulumi.Input<string>;
    adopt?: pulumi.Input<boolean>;
    timeouts?: pulumi.Input<TimeoutsArgs>;
}

/** A VM application definition in a gallery: the versions of one application live under it. */
export class GalleryApplication extends GalleryResource {
    /**
     * Reads an existing application by its ARM id (`…/galleries/{gallery}/applications/{name}`), as
     * azure-native's `GalleryApplication.get` does. The stack only reads it: `up` and `destroy` leave it alone.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GalleryApplication {
        return new GalleryApplication(name, undefined, { ...opts, id });
    }

    constructor(name: string, args: GalleryApplicationArgs, opts?: pulumi.CustomResourceOptions);
    /** What `GalleryApplication.get` does: no arguments, `opts.id` the ARM id of the application to read. */
    constructor(name: string, args: undefined, opts: ReadOptions);
    constructor(name: string, args: GalleryApplicationArgs | undefined, opts?: pulumi.CustomResourceOptions) {
        super("galleryApplication", name, args, opts);
    }
}

/** Every input as Azure has it (spec: GalleryApplication; it reports no provisioning state). */
export interface GalleryApplication extends InputsAsOutputs<GalleryApplicationArgs, "galleryApplicationName" | "subscriptionId"> {}
