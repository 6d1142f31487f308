import { Module } from '@nestjs/common';
import { TemplateRegistry } from '@eco/templates';
import { BUILT_IN_TEMPLATES, TemplateCatalogService } from './template-catalog.service';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Campaign templates: built-in (loaded once at startup) and custom (custom_templates). Exports the catalog for campaigns. */
@Module({
  controllers: [TemplatesController],
  providers: [{ provide: BUILT_IN_TEMPLATES, useFactory: () => TemplateRegistry.loadBuiltIn() }, TemplateCatalogService, TemplatesService],
  exports: [TemplateCatalogService],
})
export class TemplatesModule {}
