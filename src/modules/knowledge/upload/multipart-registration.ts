import multipart from '@fastify/multipart';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Teaches the API's Fastify instance multipart/form-data, for document uploads only: no other
 * route reads it, and every route still refuses bodies it has no parser for. Registered while
 * the app initialises, after configureApp removed Fastify's default parsers and before the
 * server is ready. Limits are set per request by the upload reader.
 */
@Injectable()
export class MultipartRegistration implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('multipart/form-data')) return;
    void fastify.register(multipart, { throwFileSizeLimit: true });
  }
}
