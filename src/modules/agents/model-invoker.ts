/** What agent code sees of the model (context.model): each call a recorded, budgeted, replayable `llm` step. */

/** A model call from agent code: instructions, then one prompt or a conversation (AI SDK ModelMessages). */
export interface ModelRequest {
  system?: string;
  prompt: string | Record<string, unknown>[];
  maxOutputTokens?: number;
  temperature?: number;
  /** A model id among the deployment's LLM_ALLOWED_MODELS (e.g. the agent's configured model); default: the deployment's. */
  model?: string;
}

export interface ModelAnswer {
  provider: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: number | null;
}

export interface ModelText extends ModelAnswer {
  text: string;
}

export interface ModelObject<T> extends ModelAnswer {
  object: T;
}

export interface ModelEmbeddings extends ModelAnswer {
  embeddings: number[][];
}

/** One tool call the model asked for and what the tool answered. */
export interface ModelToolResult {
  tool: string;
  input: Record<string, unknown>;
  output: unknown;
}

export interface ModelToolRun extends ModelText {
  /** Model turns taken (each one `llm.generate` step). */
  turns: number;
  toolResults: ModelToolResult[];
}

export interface ModelInvoker {
  /** `stream: true` streams the text: deltas reach the run's live events as they arrive; the answer is the whole text. */
  generateText(request: ModelRequest & { stream?: boolean }): Promise<ModelText>;
  /** An instance of `dto`: the model is given its JSON schema, and the answer is validated against it. */
  generateObject<T extends object>(dto: new () => T, request: ModelRequest): Promise<ModelObject<T>>;
  embed(values: string[]): Promise<ModelEmbeddings>;
  /** Lets the model call `tools` (declared `<tool>.<action>` names), each call a recorded step, until it answers in text. */
  generateWithTools(request: ModelRequest & { tools: string[]; maxTurns?: number }): Promise<ModelToolRun>;
}
