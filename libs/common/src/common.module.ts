import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config/environment';
import { LoaderRegistry } from './dataloader/loader-registry';

/** Kernel services every domain module may inject: the checked configuration and the loader registry. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [LoaderRegistry, { provide: APP_CONFIG, useValue: config }],
      exports: [LoaderRegistry, APP_CONFIG],
    };
  }
}
