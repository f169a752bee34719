import { Controller, Delete, Get, Patch, Post, Put } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { Test, type TestingModule } from '@nestjs/testing';
import { bindRequestAudit } from './bind-request-audit';
import { NotAChange } from './not-a-change.decorator';
import { RequestAuditInterceptor } from './request-audit.interceptor';

@Controller('v1/things')
class ThingsController {
  @Get() list(): void {}
  @Post() create(): void {}
  @Put(':id') replace(): void {}
  @Patch(':id') update(): void {}
  @Delete(':id') remove(): void {}
  @Post(':id/search') @NotAChange() search(): void {}
}

@Controller('health')
class ProbeController {
  @Post('drain') drain(): void {}
}

describe(bindRequestAudit.name, () => {
  const interceptor = { intercept: jest.fn() };
  let app: TestingModule;

  beforeAll(async () => {
    app = await Test.createTestingModule({
      controllers: [ThingsController, ProbeController],
      providers: [{ provide: RequestAuditInterceptor, useValue: interceptor }],
    }).compile();
  });
  afterAll(() => app.close());

  const interceptorsOf = (handler: object): unknown[] => Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];

  it('should bind the state-changing /v1 handlers only, once however often it runs', () => {
    const sut = bindRequestAudit;

    expect(sut(app)).toBe(4);
    expect(sut(app)).toBe(0);

    const things = ThingsController.prototype;
    for (const handler of [things.create, things.replace, things.update, things.remove]) expect(interceptorsOf(handler)).toEqual([interceptor]);
    for (const handler of [things.list, things.search, ProbeController.prototype.drain]) expect(interceptorsOf(handler)).toEqual([]);
  });
});
