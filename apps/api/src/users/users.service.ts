import { ConflictException, Injectable } from '@nestjs/common';
import { UserRepository } from '../../../../libs/persistence/src/repositories/user.repository';
import { hashPassword } from '../auth/password-hasher';
import { CreateUserDto } from './dto/create-user.dto';
import { toUserDto, UserDto } from './dto/user.dto';

@Injectable()
export class UsersService {
  constructor(private readonly users: UserRepository) {}

  async create(dto: CreateUserDto): Promise<UserDto> {
    if (await this.users.findByUsername(dto.username)) throw this.taken(dto.username);
    const created = await this.users.create({
      id: dto.username,
      username: dto.username,
      passwordHash: await hashPassword(dto.password),
      name: dto.name.trim(),
      roles: [...dto.roles],
      unitId: dto.unitId ?? null,
    });
    if (!created) throw this.taken(dto.username); // lost a race with a concurrent create
    return toUserDto(created);
  }

  async list(): Promise<UserDto[]> {
    return (await this.users.list()).map(toUserDto);
  }

  private taken(username: string): ConflictException {
    return new ConflictException(`username "${username}" is already taken / 用户名已存在`);
  }
}
