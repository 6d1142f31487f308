import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { UserDto } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo12345' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'HS256 JWT; send it as `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ example: 28800, description: 'lifetime in seconds (JWT_EXPIRES_IN)' })
  expiresIn: number;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'demo12345' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8, maxLength: 200, example: '绿水青山2027!' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  newPassword: string;
}
