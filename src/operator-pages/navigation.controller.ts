import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentActor } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { NavigationDto } from './dto/navigation.dto';
import { navigationFor } from './navigation';
import { ApiErrors } from '../common/http/api-errors';

/** The pages' navigation for the signed-in role, so web/assets holds no copy of the page list or its labels. */
@ApiTags('ui')
@ApiBearerAuth()
@Controller('api/v1/ui')
export class NavigationController {
  @ApiErrors()
  @Get('navigation')
  @AnyRole()
  @ApiOperation({ summary: "The pages' header links and section bars (Italian labels) for the caller's role" })
  @ApiOkResponse({ type: NavigationDto })
  navigation(@CurrentActor() actor: Actor): NavigationDto {
    // @AnyRole admits people's tokens only: the service's own actor (jobs, CLI) never comes through HTTP, nor a gateway.
    if (actor.role === 'system' || actor.role === 'gateway') throw new Error(`the ${actor.role} actor has no pages`);
    return navigationFor(actor.role);
  }
}
