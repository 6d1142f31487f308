import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { BlobStoreHolder } from './blob-store.provider';
import { DossierService } from './dossier.service';
import { FileLinksController, FilesController, UploadPolicyController } from './files.controller';
import { FilesService } from './files.service';

/** Evidence files: uploads, downloads, the dossier, and the integrity check of referenced files. */
@Module({
  imports: [TemplatesModule],
  controllers: [FilesController, UploadPolicyController, FileLinksController],
  providers: [BlobStoreHolder, FilesService, DossierService],
  exports: [FilesService],
})
export class FilesModule {}
