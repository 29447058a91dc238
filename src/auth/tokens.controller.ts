import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { uuidParam } from '../common/http/pipes';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CreateTokenDto, CreatedTokenDto, TokenDto, TokenListQueryDto, WhoAmIDto } from './dto/token.dto';
import { TokenService } from './token.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @ApiErrors()
  @Post('tokens')
  @Roles('admin')
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateTokenDto): Promise<CreatedTokenDto> {
    const { token, view } = await this.tokens.create(actor, body);
    return { token, details: view };
  }

  @ApiErrors()
  @Get('tokens')
  @Roles('admin')
  @ApiOkResponse({ type: [TokenDto] })
  list(@Query() query: TokenListQueryDto): Promise<TokenDto[]> {
    return this.tokens.list(query.includeRevoked ?? false);
  }

  @ApiErrors('INVALID_ID', 'TOKEN_NOT_FOUND')
  @Delete('tokens/:id')
  @Roles('admin')
  @ApiOkResponse({ type: TokenDto })
  revoke(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<TokenDto> {
    return this.tokens.revoke(actor, id);
  }

  @ApiErrors()
  @Get('auth/me')
  @AnyRole()
  @ApiOkResponse({ type: WhoAmIDto })
  me(@CurrentActor() actor: Actor): WhoAmIDto {
    return { id: actor.id, name: actor.name, role: actor.role };
  }
}
