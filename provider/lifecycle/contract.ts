/**
 * What the lifecycle needs of a kind: its field table (schema/) and how its calls go through
 * @azure/arm-compute (an adapter in provider/kinds/). Everything else is shared.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { AddressPart } from "../armIds";
import type { Inputs, ResourceSpec } from "../schema/types";
import type { Operation } from "./operation";

export type Model = Record<string, unknown>;
export type Poller<T = Model> = PollerLike<OperationState<T>, T>;

/** How a write is sent: bounded by the resource's timeouts, polled as often as the settings say. */
export interface SendOptions {
    abortSignal?: AbortSignal;
    updateIntervalInMs?: number;
}

/** How one kind of resource is reached through the SDK. */
export interface KindAdapter {
    spec: ResourceSpec;
    /** The resource's place in ARM below its resource group; each name, a path parameter, is an input. */
    address: AddressPart[];
    /**
     * Reads the resource with every opt-in member the inputs need (`$expand`), so that a refresh
     * reports all that the program manages.
     */
    get(client: ComputeManagementClient, rg: string, names: string[], inputs: Inputs): Promise<Model>;
    /**
     * The `$expand` the kind's reads ask for, where its get asks for one. Every GET of the resource
     * asks for it (azure/client.ts), the SDK's own read at the end of a write included, so that read's
     * answer is as complete as `get`'s first request.
     */
    expand?: string;
    /** What `get` adds to the answer of its first request, from requests of its own (an `$expand` takes one value). */
    completeRead?(client: ComputeManagementClient, rg: string, names: string[], inputs: Inputs, read: Model): Promise<Model>;
    /** Writes stop (the SDK's retries included) when `options.abortSignal` aborts: the resource's timeouts bound them. */
    put(client: ComputeManagementClient, rg: string, names: string[], model: Model, options: SendOptions): Poller;
    patch(client: ComputeManagementClient, rg: string, names: string[], model: Model, options: SendOptions): Poller;
    del(client: ComputeManagementClient, rg: string, names: string[], options: SendOptions): Poller<void>;
    /**
     * Waits for a create or update the way this kind needs (a version reports its replication), on
     * the operation this up started (`poller`) or, without one, on what Azure runs by itself.
     */
    wait?(op: Operation, signal: AbortSignal, poller?: Poller): Promise<Model>;
    /** How far Azure got, for a message when an up stops waiting ("East US 40%"). */
    progress?(model: Model): string;
    /**
     * Called by a create that found no resource under its name, before it sends its PUT: what Azure
     * still keeps of a deleted resource of that name (a soft-deleted image version). Returns the
     * resource brought back, which the create then takes to the inputs as it takes one it found;
     * nothing when there is none or the inputs do not ask for it (then the create goes ahead).
     */
    recover?(op: Operation): Promise<Model | undefined>;
    /**
     * Readies the resource Azure holds (`current`) for its delete, where Azure asks for a step first
     * (a shared gallery stops being shared); returns what it did, for the user, or nothing.
     */
    beforeDelete?(op: Operation, current: Model): Promise<string | undefined>;
    /** The fields changed through actions (`FieldSpec.action`) rather than the body, e.g. a gallery's sharing. */
    actions?: {
        /** What they change, for messages: "change the sharing of". */
        verb: string;
        /** Brings them from `current` to the operation's inputs. */
        apply(op: Operation, current: Inputs): Promise<void>;
    };
}
