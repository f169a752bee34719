import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DiagnosticsTool } from './builtin/diagnostics.tool';
import { ToolRegistry } from './tool-registry';
import { ToolsRepository } from './tools.repository';

@Module({
  imports: [DiscoveryModule],
  providers: [ToolsRepository, ToolRegistry, DiagnosticsTool],
  exports: [ToolRegistry],
})
export class ToolsModule {}
