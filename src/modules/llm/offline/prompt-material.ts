import type { LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from '@ai-sdk/provider';

/** The result of an earlier tool call, as text: material for the answer, as a model reads it. */
export interface ToolResultMaterial {
  toolName: string;
  text: string;
}

/** What an offline answer is made of: the instructions, the last thing the user said, tool results, and all text (for token counts). */
export interface PromptMaterial {
  system: string;
  lastUser: string;
  /** In conversation order. */
  toolResults: ToolResultMaterial[];
  /** Assistant turns so far: numbers this turn's tool-call ids so they never repeat within a conversation. */
  assistantTurns: number;
  allText: string;
}

export function promptMaterial(prompt: LanguageModelV3Prompt): PromptMaterial {
  const system: string[] = [];
  const all: string[] = [];
  const toolResults: ToolResultMaterial[] = [];
  let lastUser = '';
  let assistantTurns = 0;
  for (const message of prompt) {
    if (message.role === 'system') {
      system.push(message.content);
      all.push(message.content);
      continue;
    }
    if (message.role === 'assistant') assistantTurns += 1;
    const texts: string[] = [];
    for (const part of message.content) {
      if (part.type === 'text') texts.push(part.text);
      else if (part.type === 'tool-result') {
        const text = toolResultText(part.output);
        toolResults.push({ toolName: part.toolName, text });
        texts.push(text);
      }
    }
    const text = texts.filter(Boolean).join('\n');
    all.push(text);
    if (message.role === 'user') lastUser = text;
  }
  return { system: system.join('\n'), lastUser, toolResults, assistantTurns, allText: all.join('\n') };
}

/** The words a filled schema or an answer is made from: what was asked, what tools returned, then the instructions. */
export function sourceText(material: PromptMaterial): string {
  return [material.lastUser, ...material.toolResults.map((result) => result.text), material.system].join('\n');
}

function toolResultText(output: LanguageModelV3ToolResultOutput): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return output.reason ?? 'execution denied';
    case 'content':
      return output.value.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
  }
}
