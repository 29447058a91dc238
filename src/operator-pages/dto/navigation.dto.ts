import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../common/auth/roles';
import type { Navigation, NavigationArea } from '../navigation';

export class NavigationLinkDto {
  @ApiProperty({ example: '/ui/technician' }) href: string;
  @ApiProperty({ example: 'Tecnici' }) label: string;
}

export class NavigationSectionDto extends NavigationLinkDto {
  @ApiProperty({ example: 'lots', description: 'the page key: a page marks its own section as current with it' }) key: string;
}

export class NavigationAreaDto {
  @ApiProperty({ enum: ['technician', 'hotline', 'hr', 'manager', 'employee'] }) area: NavigationArea['area'];
  @ApiProperty({ example: 'Tecnici' }) label: string;
  @ApiProperty({ type: [NavigationSectionDto] }) sections: NavigationSectionDto[];
}

export class NavigationDto implements Navigation {
  @ApiProperty({ enum: ROLES }) role: Navigation['role'];
  @ApiProperty({ example: 'Tecnico' }) roleLabel: string;
  @ApiProperty({ type: [NavigationLinkDto], description: 'the header links the role may open' }) main: NavigationLinkDto[];
  @ApiProperty({ type: [NavigationAreaDto], description: 'the section bars of the page areas the role may open' }) areas: NavigationAreaDto[];
}
