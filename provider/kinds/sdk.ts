/** The SDK's typed models and pollers, seen as the plain records the lifecycle works with. */
import type { OperationState, PollerLike } from "@azure/core-lro";
import type { Model, Poller } from "../lifecycle/contract";

export const asModel = <T>(p: PollerLike<OperationState<T>, T>) => p as unknown as Poller;
export const record = (m: object) => m as unknown as Model;
