import { DynamicModule, Global, Module } from '@nestjs/common';
import { ChangeFeed } from './changes/change-feed';
import { APP_CONFIG, AppConfig } from './config/environment';
import { LoaderRegistry } from './dataloader/loader-registry';
import { FieldCipher } from './crypto/field-cipher';

/** Kernel services every domain module may inject: the checked configuration, the loader registry, the change feed and the field cipher. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        LoaderRegistry,
        ChangeFeed,
        { provide: APP_CONFIG, useValue: config },
        { provide: FieldCipher, useValue: new FieldCipher(config.secrets) },
      ],
      exports: [LoaderRegistry, ChangeFeed, APP_CONFIG, FieldCipher],
    };
  }
}
