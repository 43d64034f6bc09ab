import type { NameCheck } from "./dir-name";
import { providerInfo, type ProviderId } from "./providers";
import { buildCreateBody, type CreateDirBody } from "./request";

export interface CreateContext {
  readonly check: NameCheck;
  /** The provider saved in SiYuan's settings, where it creates; `null` while it is unknown. */
  readonly active: ProviderId | null;
  readonly readonly: boolean;
  readonly isPublish: boolean;
  readonly busy: boolean;
}

/** Why nothing can be sent at all. */
export type CreateBlocker = "publish" | "readonly" | "unknownProvider" | "busy" | "invalidName";

export interface CreatePlan {
  readonly blocker: CreateBlocker | null;
  /** The active provider is S3 or WebDAV, where the kernel refuses with message 131. */
  readonly activeRefusesCreate: boolean;
  /** What will be sent; `null` when the name is invalid. */
  readonly body: CreateDirBody | null;
}

/** In order of importance: a locked SiYuan matters more than a request in flight or a bad name. */
function firstBlocker(context: CreateContext, nameInvalid: boolean): CreateBlocker | null {
  if (context.isPublish) return "publish";
  if (context.readonly) return "readonly";
  // SiYuan creates on its active provider; while nobody knows which, nothing is sent.
  if (context.active === null) return "unknownProvider";
  if (context.busy) return "busy";
  if (nameInvalid) return "invalidName";
  return null;
}

export function planCreate(context: CreateContext): CreatePlan {
  const { check, active } = context;
  const body = check.problem ? null : buildCreateBody(check.name, active, check.input);
  const blocker = firstBlocker(context, body === null);
  return {
    blocker,
    activeRefusesCreate: active !== null && !providerInfo(active).managesDirectories,
    body,
  };
}
