import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

/** `llm.generate`: one model turn. Exactly one of prompt or messages. */
export class LlmGenerateInput {
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  system?: string;

  @ValidateIf((o: LlmGenerateInput) => o.messages === undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(400_000)
  prompt?: string;

  /** AI SDK ModelMessages (user, assistant with tool calls, tool results); checked again by the SDK. */
  @ValidateIf((o: LlmGenerateInput) => o.prompt === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  messages?: Record<string, unknown>[];

  /** A JSON schema: the answer is then an object of that shape (`object`), not text. */
  @IsOptional()
  @IsObject()
  schema?: Record<string, unknown>;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'schemaName must be 1-64 letters, digits, _ or -' })
  schemaName?: string;

  /** Tools the model may ask for, by model-facing name: { description, inputSchema }. The caller executes the calls. */
  @IsOptional()
  @IsObject()
  tools?: Record<string, { description: string; inputSchema: Record<string, unknown> }>;

  @IsOptional()
  @IsIn(['auto', 'none', 'required'])
  toolChoice?: 'auto' | 'none' | 'required';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64_000)
  maxOutputTokens?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  temperature?: number;

  /** A model among LLM_ALLOWED_MODELS (an agent's configured model); default LLM_MODEL. */
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: 'model must be a model id without spaces' })
  model?: string;

  /** Stream the text: deltas go to the run's live events as they arrive; the step records the whole answer. */
  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}

/** `llm.embed`: vectors for a batch of texts. */
export class LlmEmbedInput {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(256)
  @IsString({ each: true })
  @MaxLength(100_000, { each: true })
  values!: string[];
}
