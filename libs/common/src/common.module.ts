import { Global, Module } from '@nestjs/common';
import { LoaderRegistry } from './dataloader/loader-registry';

/** Kernel services every domain module may inject. */
@Global()
@Module({ providers: [LoaderRegistry], exports: [LoaderRegistry] })
export class CommonModule {}
